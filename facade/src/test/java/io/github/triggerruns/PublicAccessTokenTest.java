package io.github.triggerruns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.FakeTriggerServer;
import io.github.triggerruns.testkit.MutableClock;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.logging.HttpLoggingInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Minting public access tokens, and clients that run on one: scopes, expiry, no leaks. */
class PublicAccessTokenTest {
  // A 31-byte dev key, as the live server issues them: shorter than RFC 7518's 256 bits.
  private static final String KEY = "tr_dev_abcdefghijklmnopqrstuvwx";

  private final FakeTime time = new FakeTime();
  private final MutableClock serverClock = MutableClock.at(FakeTime.START);
  private final List<String> log = new CopyOnWriteArrayList<>();
  private FakeTriggerServer server;
  private TriggerRuns backend;

  @BeforeEach
  void start() {
    server = FakeTriggerServer.builder().runs(0).secretKey(KEY).clock(serverClock)
        .realtimeHold(Duration.ofMinutes(5)).build().start();
    server.addRun(FakeRun.builder().id("run_1").status("EXECUTING").taskIdentifier("email")
        .createdAt(FakeTime.START).updatedAt(FakeTime.START).tags("user:1").build());
    server.addRun(FakeRun.builder().id("run_2").status("EXECUTING").taskIdentifier("sms")
        .createdAt(FakeTime.START).updatedAt(FakeTime.START).build());
    backend = TestClients.newClient(server.baseUrl(), time).secretKey(KEY).build();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theTokenIsTheOneTheOfficialSdkSigns() throws Exception {
    String token = backend.auth().createPublicToken(PublicTokenOptions.builder().readRuns("run_1").build());

    long now = FakeTime.START.getEpochSecond();
    // jose's SignJWT: {...claims, scopes}, then iss, aud, exp (15m), iat; header {"alg":"HS256"}.
    String payload = "{\"sub\":\"" + server.environmentId() + "\",\"pub\":true,\"scopes\":[\"read:runs:run_1\"],"
        + "\"iss\":\"https://id.trigger.dev\",\"aud\":\"https://api.trigger.dev\",\"exp\":" + (now + 900)
        + ",\"iat\":" + now + "}";
    String signingInput = b64("{\"alg\":\"HS256\"}") + "." + b64(payload);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    assertThat(token).isEqualTo(signingInput + "." + signature);
  }

  @Test
  void scopesFlattenAsTheSdkDoes() {
    PublicTokenOptions options = PublicTokenOptions.builder().readRuns("run_1", "run_2").readTags("user:1")
        .readBatches("batch_1").readTasks("email").readAllRuns().writeRuns("run_1").writeTasks("email")
        .writeAllRuns().build();
    assertThat(options.getScopes()).containsExactly("read:runs:run_1", "read:runs:run_2", "read:tags:user:1",
        "read:batch:batch_1", "read:tasks:email", "read:runs", "write:runs:run_1", "write:tasks:email",
        "write:runs");
    assertThatThrownBy(() -> PublicTokenOptions.builder().build()).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("at least one scope");
  }

  @Test
  void anAppWithARunScopedTokenSubscribesToThatRunOnly() {
    String token = backend.auth().createPublicToken(PublicTokenOptions.builder().readRuns("run_1").build());
    TriggerRuns app = TriggerRuns.builder().publicAccessToken(token).baseUrl(server.baseUrl())
        .httpLogging(HttpLoggingInterceptor.Level.BODY, log::add).build();

    Iterator<RealtimeRun> runs = app.runs().subscribeToRun("run_1").blockingIterable().iterator();
    assertThat(runs.next().getStatus()).isEqualTo(RunStatus.EXECUTING);

    TriggerRuns scoped = app;
    assertThatThrownBy(() -> scoped.runs().subscribeToRun("run_2").blockingFirst())
        .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("read:runs:run_2")
        .hasMessageNotContaining(token);
    assertThatThrownBy(() -> scoped.runs().list(RunFilter.allTime()))
        .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("read:runs")
        .hasMessageNotContaining(token);
    assertThat(scoped.runs().retrieve("run_1").getId()).isEqualTo("run_1");
    assertThatThrownBy(() -> scoped.runs().retrieve("run_2"))
        .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("GET /api/v3/runs/run_2")
        .hasMessageContaining("read:runs:run_2").hasMessageNotContaining(token);
    assertThatThrownBy(() -> scoped.auth().createPublicToken(PublicTokenOptions.builder().readAllRuns().build()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("secret key");
    assertThat(log).isNotEmpty().noneMatch(line -> line.contains(token) || line.contains(KEY));
    assertThat(app.toString() + app.auth()).doesNotContain(token);
  }

  @Test
  void aTaskScopedTokenListsThatTasksRuns() {
    String token = backend.auth().createPublicToken(PublicTokenOptions.builder().readTasks("email").build());
    TriggerRuns app = TriggerRuns.builder().publicAccessToken(token).baseUrl(server.baseUrl()).build();
    Page<Run> page = app.runs().list(RunFilter.builder().taskIdentifiers("email").period("1d").build());
    assertThat(page.getData()).extracting(Run::getId).containsExactly("run_1");
  }

  @Test
  void anExpiredTokenIsRefusedWith401() {
    String token = backend.auth().createPublicToken(PublicTokenOptions.builder().readRuns("run_1")
        .expiresIn(Duration.ofMinutes(1)).build());
    serverClock.advance(Duration.ofMinutes(2));
    TriggerRuns app = TriggerRuns.builder().publicAccessToken(token).baseUrl(server.baseUrl()).build();
    assertThatThrownBy(() -> app.runs().subscribeToRun("run_1").blockingFirst())
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("expired")
        .hasMessageNotContaining(token);
    assertThatThrownBy(() -> app.runs().retrieve("run_1"))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("public access token")
        .hasMessageNotContaining("TRIGGER_SECRET_KEY").hasMessageNotContaining(token);
  }

  @Test
  void aTokenWithAForgedSignatureIsRefused() {
    String token = backend.auth().createPublicToken(PublicTokenOptions.builder().readRuns("run_1").build());
    String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
    TriggerRuns app = TriggerRuns.builder().publicAccessToken(forged).baseUrl(server.baseUrl()).build();
    assertThatThrownBy(() -> app.runs().subscribeToRun("run_1").blockingFirst())
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("invalid");
  }

  @Test
  void theBuilderTellsTokensFromKeys() {
    assertThatThrownBy(() -> TriggerRuns.builder().environment(n -> null).publicAccessToken("tr_dev_x").build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not a JWT");
    assertThatThrownBy(() -> TriggerRuns.builder().environment(n -> null).secretKey(KEY)
        .publicAccessToken("a.b.c").build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Both");
    TriggerRuns fromEnv = TriggerRuns.builder()
        .environment(name -> name.equals("TRIGGER_ACCESS_TOKEN") ? "eyJh.eyJz.c2ln" : null).build();
    assertThatThrownBy(() -> fromEnv.auth().createPublicToken(PublicTokenOptions.builder().readAllRuns().build()))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(TriggerRuns.builder().publicAccessToken("eyJh.eyJz.c2ln").toString()).doesNotContain("eyJh");
  }

  @Test
  void aWriteScopedTokenCancelsThatRunOnly() {
    String token = backend.auth().createPublicToken(PublicTokenOptions.builder().writeRuns("run_1").build());
    TriggerRuns app = TriggerRuns.builder().publicAccessToken(token).baseUrl(server.baseUrl()).build();

    app.runs().cancel("run_1");

    assertThat(server.run("run_1")).hasValueSatisfying(run -> assertThat(run.status()).isEqualTo("CANCELED"));
    assertThatThrownBy(() -> app.runs().cancel("run_2")).isInstanceOf(PermissionDeniedException.class)
        .hasMessageNotContaining(token);
    assertThat(server.run("run_2")).hasValueSatisfying(run -> assertThat(run.status()).isEqualTo("EXECUTING"));
  }

  @Test
  void replayAndRescheduleWithATokenAreRefusedBeforeAnythingIsSent() {
    String token = backend.auth().createPublicToken(PublicTokenOptions.builder().writeAllRuns().build());
    TriggerRuns app = TriggerRuns.builder().publicAccessToken(token).baseUrl(server.baseUrl()).build();
    int sent = server.requestCount();

    assertThatThrownBy(() -> app.runs().replay("run_1")).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("secret key");
    assertThatThrownBy(() -> app.runs().rescheduleAsync("run_1", Duration.ofMinutes(5)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("secret key");

    assertThat(server.requestCount()).isEqualTo(sent);
  }

  @Test
  void createPublicTokenAsyncMintsWhenSubscribedOnTheClientsScheduler() {
    TestScheduler scheduler = new TestScheduler();
    TriggerRuns async = backend.newBuilder().scheduler(scheduler).build();
    PublicTokenOptions options = PublicTokenOptions.builder().readRuns("run_1").build();

    TestObserver<String> minted = async.auth().createPublicTokenAsync(options).test();
    minted.assertNoValues();
    scheduler.triggerActions();

    minted.assertValue(backend.auth().createPublicToken(options));
    TriggerRuns app = TriggerRuns.builder().publicAccessToken(minted.values().get(0)).baseUrl(server.baseUrl())
        .build();
    assertThatThrownBy(() -> app.auth().createPublicTokenAsync(options)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void aTokensOwnRateLimitIsNamedWhenSpent() {
    String token = backend.auth().createPublicToken(PublicTokenOptions.builder().readAllRuns().build());
    TriggerRuns app = TriggerRuns.builder().publicAccessToken(token).baseUrl(server.baseUrl())
        .environment(name -> null).clock(time.clock()).sleeper(time.sleeper()).random(() -> 0.5).build();
    for (int i = 0; i < 60; i++) {
      app.runs().list(RunFilter.allTime());
    }

    // The server's clock stands still: the window never resets, however long the client waits.
    assertThatThrownBy(() -> app.runs().list(RunFilter.allTime()))
        .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.getLimit()).isEqualTo(60))
        .hasMessageContaining("public access token's rate limit").hasMessageNotContaining(token);
    assertThat(backend.runs().list(RunFilter.allTime()).getData()).hasSize(2);
  }

  @Test
  void aProvidedTokenIsReplacedWhenItExpiresAndTheSubscriptionCarriesOn() {
    String first = backend.auth().createPublicToken(PublicTokenOptions.builder().readRuns("run_1")
        .expiresIn(Duration.ofMinutes(1)).build());
    time.advance(Duration.ofMinutes(2));
    String second = backend.auth().createPublicToken(PublicTokenOptions.builder().readRuns("run_1").build());
    Deque<String> tokens = new ArrayDeque<>(List.of(first, second));
    AtomicInteger fetched = new AtomicInteger();
    TriggerRuns app = TriggerRuns.builder().baseUrl(server.baseUrl()).environment(name -> null)
        .httpLogging(HttpLoggingInterceptor.Level.HEADERS, log::add)
        .publicAccessToken(() -> {
          fetched.incrementAndGet();
          return tokens.isEmpty() ? second : tokens.pop();
        })
        .build();
    assertThat(fetched).hasValue(0);

    Iterator<RealtimeRun> runs = app.runs().subscribeToRun("run_1").blockingIterable().iterator();
    List<RunStatus> seen = new ArrayList<>(List.of(runs.next().getStatus()));
    serverClock.advance(Duration.ofMinutes(2));
    server.setStatus("run_1", "WAITING");
    seen.add(runs.next().getStatus());
    // A later change: the server emits a row whose updatedAt passed the subscription's offset.
    serverClock.advance(Duration.ofMillis(1));
    server.setStatus("run_1", "COMPLETED");
    seen.add(runs.next().getStatus());

    assertThat(seen).containsExactly(RunStatus.EXECUTING, RunStatus.WAITING, RunStatus.COMPLETED);
    assertThat(runs.hasNext()).isFalse();
    assertThat(fetched).hasValue(2);
    assertThat(app.runs().retrieve("run_1").getStatus()).isEqualTo(RunStatus.COMPLETED);
    assertThat(fetched).hasValue(2);
    assertThat(log).isNotEmpty().noneMatch(line -> line.contains(first) || line.contains(second));
    assertThat(app.toString()).doesNotContain(first).doesNotContain(second);
  }

  @Test
  void aProviderThatGivesTheRefusedTokenAgainEndsTheCallWithItsAnswer() {
    String expired = backend.auth().createPublicToken(PublicTokenOptions.builder().readAllRuns()
        .expiresIn(Duration.ofMinutes(1)).build());
    serverClock.advance(Duration.ofMinutes(2));
    AtomicInteger fetched = new AtomicInteger();
    TriggerRuns app = TriggerRuns.builder().baseUrl(server.baseUrl()).environment(name -> null)
        .publicAccessToken(() -> {
          fetched.incrementAndGet();
          return expired;
        })
        .build();

    assertThatThrownBy(() -> app.runs().list(RunFilter.allTime())).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("public access token").hasMessageNotContaining(expired);
    assertThat(fetched).hasValue(2);

    TriggerRuns notAToken = TriggerRuns.builder().baseUrl(server.baseUrl()).environment(name -> null)
        .publicAccessToken(() -> KEY).build();
    assertThatThrownBy(() -> notAToken.runs().list(RunFilter.allTime())).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("not a JWT").hasMessageNotContaining(KEY);
    assertThatThrownBy(() -> TriggerRuns.builder().secretKey(KEY).publicAccessToken(() -> expired).build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Both");
    assertThat(TriggerRuns.builder().publicAccessToken(() -> expired).toString()).contains("from a provider");
  }

  @Test
  void aTokensRealtimeSkipColumnsAreSignedAsTheSdkSignsThemAndTheFeedStillEnds() throws Exception {
    String token = backend.auth().createPublicToken(PublicTokenOptions.builder().readRuns("run_1")
        .realtimeSkipColumns("payload", "completedAt").build());
    long now = FakeTime.START.getEpochSecond();
    String payload = "{\"sub\":\"" + server.environmentId() + "\",\"pub\":true,\"scopes\":[\"read:runs:run_1\"],"
        + "\"realtime\":{\"skipColumns\":[\"payload\",\"completedAt\"]},\"iss\":\"https://id.trigger.dev\","
        + "\"aud\":\"https://api.trigger.dev\",\"exp\":" + (now + 900) + ",\"iat\":" + now + "}";
    assertThat(token.split("\\.")[1]).isEqualTo(b64(payload));

    TriggerRuns app = TriggerRuns.builder().publicAccessToken(token).baseUrl(server.baseUrl()).build();
    Iterator<RealtimeRun> runs = app.runs().subscribeToRun("run_1").blockingIterable().iterator();
    RealtimeRun first = runs.next();
    assertThat(first.getColumns()).doesNotContainKey("payload").doesNotContainKey("completedAt");
    serverClock.advance(Duration.ofMillis(1));
    server.setStatus("run_1", "COMPLETED");
    assertThat(runs.next().getStatus()).isEqualTo(RunStatus.COMPLETED);
    assertThat(runs.hasNext()).isFalse();
  }

  @Test
  void anExpiryInThePastIsRefusedBeforeAnythingIsSent() {
    int sent = server.requestCount();
    assertThatThrownBy(() -> backend.auth().createPublicToken(PublicTokenOptions.builder().readRuns("run_1")
        .expiresAt(FakeTime.START.minusSeconds(1)).build()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("future");
    assertThat(server.requestCount()).isEqualTo(sent);
  }
}
