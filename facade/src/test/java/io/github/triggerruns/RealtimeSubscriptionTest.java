package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.logging.HttpLoggingInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The realtime shape protocol against scripted answers, in virtual time. */
class RealtimeSubscriptionTest {
  private static final String RUN_PATH = "/realtime/v1/runs/run_1";
  private static final String UP_TO_DATE = "{\"headers\":{\"control\":\"up-to-date\"}}";
  private static final String ROW = "{\"id\":\"cm1\",\"friendlyId\":\"run_1\",\"taskIdentifier\":\"email\","
      + "\"status\":\"PENDING\",\"createdAt\":\"2025-07-20T10:30:00.000\",\"updatedAt\":\"2025-07-20T10:30:00.000\","
      + "\"completedAt\":null,\"runTags\":\"{\\\"user:1\\\",\\\"vip\\\"}\",\"number\":\"7\",\"isTest\":\"f\","
      + "\"usageDurationMs\":\"0\",\"costInCents\":\"0\",\"baseCostInCents\":\"0.0025\",\"payload\":\"{\\\"to\\\":1}\","
      + "\"payloadType\":\"application/json\",\"error\":null}";

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final TestScheduler scheduler = RxTestSupport.scheduler();
  private final List<String> log = new CopyOnWriteArrayList<>();

  private TriggerRuns client() {
    return TestClients.newClient(server.baseUrl()).scheduler(scheduler)
        .httpLogging(HttpLoggingInterceptor.Level.HEADERS, log::add).build();
  }

  private static String change(String operation, String value) {
    return "{\"key\":\"\\\"public\\\".\\\"TaskRun\\\"/\\\"cm1\\\"\",\"value\":" + value
        + ",\"headers\":{\"operation\":\"" + operation + "\"}}";
  }

  private static ResponseDefinitionBuilder shape(String handle, String offset, String cursor, String... messages) {
    ResponseDefinitionBuilder answer = aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withHeader("electric-handle", handle).withHeader("electric-offset", offset)
        .withBody("[" + String.join(",", messages) + "]");
    return cursor == null ? answer : answer.withHeader("electric-cursor", cursor);
  }

  private static void sequence(String path, ResponseDefinitionBuilder... answers) {
    String scenario = "realtime-" + path + answers.length + System.nanoTime();
    for (int i = 0; i < answers.length; i++) {
      ScenarioMappingBuilder stub = get(urlPathEqualTo(path)).inScenario(scenario)
          .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answer " + i).willReturn(answers[i]);
      if (i + 1 < answers.length) {
        stub = stub.willSetStateTo("answer " + (i + 1));
      }
      server.stubFor(stub);
    }
  }

  private static List<LoggedRequest> requests(String path) {
    return server.findAll(getRequestedFor(urlPathEqualTo(path)));
  }

  private static Map<String, String> query(LoggedRequest request) {
    return TestClients.decodedQuery(request).stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b, java.util.LinkedHashMap::new));
  }

  @Test
  void snapshotThenLiveChangesThenMustRefetchWithoutDuplicatesUntilTheRunFinishes() {
    sequence(RUN_PATH,
        shape("h1", "100_1", null, change("insert", ROW), UP_TO_DATE),
        shape("h1", "200_2", "5", change("update",
            "{\"status\":\"EXECUTING\",\"updatedAt\":\"2025-07-20T10:30:01.000\"}"), UP_TO_DATE),
        aResponse().withStatus(409).withHeader("electric-handle", "h2")
            .withBody("[{\"headers\":{\"control\":\"must-refetch\"}}]"),
        // The same run again after the reset: already emitted, so not emitted again.
        shape("h2", "200_3", null, change("insert", ROW.replace("\"PENDING\"", "\"EXECUTING\"")
            .replace("\"updatedAt\":\"2025-07-20T10:30:00.000\"", "\"updatedAt\":\"2025-07-20T10:30:01.000\"")),
            UP_TO_DATE),
        shape("h2", "300_4", "9", change("update", "{\"status\":\"COMPLETED_SUCCESSFULLY\","
            + "\"completedAt\":\"2025-07-20T10:30:02.500\",\"updatedAt\":\"2025-07-20T10:30:02.500\"}"), UP_TO_DATE));

    TestObserver<RealtimeRun> runs = client().runs().subscribeToRun("run_1").test();
    scheduler.triggerActions();

    runs.assertComplete();
    assertThat(runs.values()).extracting(RealtimeRun::getStatus)
        .containsExactly(RunStatus.QUEUED, RunStatus.EXECUTING, RunStatus.COMPLETED);
    RealtimeRun done = runs.values().get(2);
    assertThat(done.getId()).isEqualTo("run_1");
    assertThat(done.getTags()).containsExactly("user:1", "vip");
    assertThat(done.getNumber()).isEqualTo(7L);
    assertThat(done.getBaseCostInCents()).isEqualTo(0.0025);
    assertThat(done.getPayload()).isEqualTo("{\"to\":1}");
    assertThat(done.getFinishedAt()).isEqualTo(java.time.Instant.parse("2025-07-20T10:30:02.500Z"));
    assertThat(done.getDatabaseStatus()).isEqualTo("COMPLETED_SUCCESSFULLY");

    List<Map<String, String>> sent = requests(RUN_PATH).stream().map(RealtimeSubscriptionTest::query)
        .collect(Collectors.toList());
    assertThat(sent).containsExactly(
        Map.of("offset", "-1"),
        Map.of("offset", "100_1", "handle", "h1", "live", "true"),
        Map.of("offset", "200_2", "handle", "h1", "live", "true", "cursor", "5"),
        Map.of("offset", "-1", "handle", "h2"),
        Map.of("offset", "200_3", "handle", "h2", "live", "true"));
    LoggedRequest first = requests(RUN_PATH).get(0);
    assertThat(first.getHeader("x-trigger-electric-version")).isEqualTo("1.0.0-beta.1");
    assertThat(first.getHeader("x-trigger-api-version")).isEqualTo("2025-07-16");
    assertThat(first.getHeader("Authorization")).isEqualTo("Bearer " + TestClients.SECRET_KEY);
    assertThat(log).isNotEmpty().noneMatch(line -> line.contains(TestClients.SECRET_KEY));
  }

  @Test
  void stopWhenFinishedFalseKeepsFollowingAFinishedRun() {
    sequence(RUN_PATH,
        shape("h1", "100_1", null, change("insert", ROW.replace("\"completedAt\":null",
            "\"completedAt\":\"2025-07-20T10:30:02.000\"")), UP_TO_DATE),
        aResponse().withStatus(400).withBody("{\"error\":\"stop here\"}"));
    TestObserver<RealtimeRun> runs = client().runs()
        .subscribeToRun("run_1", SubscribeOptions.builder().stopWhenFinished(false).build()).test();
    scheduler.triggerActions();
    assertThat(runs.values()).hasSize(1);
    runs.assertError(BadRequestException.class);
    assertThat(requests(RUN_PATH)).hasSize(2);
  }

  @Test
  void failuresAndTheConnectionCapBackOffOnTheSchedulerAndResumeFromTheLastOffset() {
    sequence(RUN_PATH,
        shape("h1", "100_1", null, change("insert", ROW), UP_TO_DATE),
        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
        aResponse().withStatus(503).withBody("{\"error\":\"Service Unavailable\"}"),
        aResponse().withStatus(429).withBody("{\"error\":\"Too many concurrent requests\"}"),
        shape("h1", "200_2", "3", change("update", "{\"status\":\"EXECUTING\"}"), UP_TO_DATE),
        aResponse().withStatus(404).withHeader("x-should-retry", "false").withBody("{\"error\":\"Not found\"}"));

    TestObserver<RealtimeRun> runs = client().runs().subscribeToRun("run_1").test();
    scheduler.triggerActions();
    assertThat(requests(RUN_PATH)).hasSize(2);
    // Backoff as the client's retries: base 500 ms doubling, jitter fixed at 0.5: 375, 750, 1500 ms.
    scheduler.advanceTimeBy(374, TimeUnit.MILLISECONDS);
    assertThat(requests(RUN_PATH)).hasSize(2);
    scheduler.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    assertThat(requests(RUN_PATH)).hasSize(3);
    scheduler.advanceTimeBy(749, TimeUnit.MILLISECONDS);
    assertThat(requests(RUN_PATH)).hasSize(3);
    scheduler.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    assertThat(requests(RUN_PATH)).hasSize(4);
    scheduler.advanceTimeBy(1500, TimeUnit.MILLISECONDS);

    assertThat(runs.values()).extracting(RealtimeRun::getStatus).containsExactly(RunStatus.QUEUED, RunStatus.EXECUTING);
    runs.assertError(NotFoundException.class);
    List<Map<String, String>> sent = requests(RUN_PATH).stream().map(RealtimeSubscriptionTest::query)
        .collect(Collectors.toList());
    Map<String, String> resume = Map.of("offset", "100_1", "handle", "h1", "live", "true");
    assertThat(sent.subList(1, 5)).containsOnly(resume);
  }

  @Test
  void aBatchNotFoundEndsTheSubscriptionThoughTheRouteSaysRetry() {
    // The batch route answers a missing batch 404 with x-should-retry: true; shape clients end there.
    server.stubFor(get(urlPathEqualTo("/realtime/v1/batches/batch_typo")).willReturn(TestClients.json(404,
        "{\"error\":\"Not found\"}").withHeader("x-should-retry", "true")));
    TestObserver<RealtimeRun> runs = client().runs().subscribeToBatch("batch_typo").test();
    scheduler.triggerActions();
    scheduler.advanceTimeBy(1, TimeUnit.HOURS);

    runs.assertError(NotFoundException.class);
    assertThat(requests("/realtime/v1/batches/batch_typo")).hasSize(1);
  }

  @Test
  void aRepeatedResetBacksOffAndAPageThatIsNotJsonIsWaitedOut() {
    sequence(RUN_PATH,
        aResponse().withStatus(409).withHeader("electric-handle", "h2").withBody("[]"),
        aResponse().withStatus(409).withHeader("electric-handle", "h3").withBody("[]"),
        aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>Sign in to Wi-Fi</html>"),
        shape("h3", "100_1", null, change("insert", ROW), UP_TO_DATE),
        aResponse().withStatus(400).withBody("{\"error\":\"stop\"}"));

    TestObserver<RealtimeRun> runs = client().runs().subscribeToRun("run_1").test();
    scheduler.triggerActions();
    // The first reset is followed at once; the second, right after it, is waited for: 750 ms, then the
    // captive portal's page 1500 ms, as failed requests are.
    assertThat(requests(RUN_PATH)).hasSize(2);
    scheduler.advanceTimeBy(749, TimeUnit.MILLISECONDS);
    assertThat(requests(RUN_PATH)).hasSize(2);
    scheduler.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    assertThat(requests(RUN_PATH)).hasSize(3);
    runs.assertNoErrors();
    scheduler.advanceTimeBy(1500, TimeUnit.MILLISECONDS);

    assertThat(runs.values()).extracting(RealtimeRun::getStatus).containsExactly(RunStatus.QUEUED);
    runs.assertError(BadRequestException.class);
    assertThat(requests(RUN_PATH)).hasSize(5);
    assertThat(query(requests(RUN_PATH).get(3))).containsEntry("handle", "h3").containsEntry("offset", "-1");
  }

  @Test
  void answersThisClientCannotFollowFailWithResponseDecodingException() {
    server.stubFor(get(urlPathEqualTo("/realtime/v1/runs/run_2")).willReturn(aResponse().withStatus(200)
        .withBody("[" + UP_TO_DATE + "]")));
    server.stubFor(get(urlPathEqualTo("/realtime/v1/runs/run_3")).willReturn(
        shape("h1", "100_1", null, "[1]", UP_TO_DATE)));
    server.stubFor(get(urlPathEqualTo("/realtime/v1/runs/run_4")).willReturn(
        shape("h1", "100_1", null, change("insert", ROW.replace("{\\\"user:1\\\",\\\"vip\\\"}", "[a]")),
            UP_TO_DATE)));
    TriggerRuns client = client();

    TestObserver<RealtimeRun> noHeaders = client.runs().subscribeToRun("run_2").test();
    TestObserver<RealtimeRun> notAMessage = client.runs().subscribeToRun("run_3").test();
    TestObserver<RealtimeRun> badTags = client.runs().subscribeToRun("run_4").test();
    scheduler.triggerActions();

    noHeaders.assertError(e -> e instanceof ResponseDecodingException && e.getMessage().contains("electric-offset"));
    notAMessage.assertError(e -> e instanceof ResponseDecodingException && e.getMessage().contains("run run_3"));
    badTags.assertError(e -> e instanceof ResponseDecodingException && e.getMessage().contains("[a]"));
    assertThat(requests("/realtime/v1/runs/run_2")).hasSize(1);
  }

  @Test
  void aRunWhoseCompletedAtIsSkippedStillCompletesOnATerminalStatus() {
    sequence(RUN_PATH,
        shape("h1", "100_1", null, change("insert", ROW.replace("\"completedAt\":null,", "")), UP_TO_DATE),
        shape("h1", "200_2", "3", change("update", "{\"status\":\"COMPLETED_SUCCESSFULLY\"}"), UP_TO_DATE));

    TestObserver<RealtimeRun> runs = client().runs()
        .subscribeToRun("run_1", SubscribeOptions.builder().skipColumns("completedAt").build()).test();
    scheduler.triggerActions();

    runs.assertComplete();
    assertThat(runs.values()).extracting(RealtimeRun::getStatus).containsExactly(RunStatus.QUEUED, RunStatus.COMPLETED);
  }

  @Test
  void aTokenWithoutTheScopeFailsNamingTheScopesThatGrantIt() {
    server.stubFor(get(urlPathEqualTo("/realtime/v1/batches/batch_9")).willReturn(TestClients.json(403,
        TestClients.UNAUTHORIZED_403)));
    TestObserver<RealtimeRun> runs = client().runs().subscribeToBatch("batch_9").test();
    scheduler.triggerActions();
    runs.assertError(e -> e instanceof PermissionDeniedException && e.getMessage().contains("read:batch:batch_9")
        && e.getMessage().contains("read:runs"));
  }

  @Test
  void tagsAreSentCommaJoinedWithTheWindowAndSkippedColumns() {
    server.stubFor(get(urlPathEqualTo("/realtime/v1/runs")).willReturn(TestClients.json(400,
        "{\"error\":\"stop\"}")));
    TestObserver<RealtimeRun> runs = client().runs().subscribeToRunsWithTag(List.of("user:1", "vip"),
        SubscribeOptions.builder().createdWithin(Duration.ofHours(2)).skipColumns("payload", "output").build())
        .test();
    scheduler.triggerActions();
    runs.assertError(BadRequestException.class);
    assertThat(query(requests("/realtime/v1/runs").get(0))).containsExactly(
        Map.entry("tags", "user:1,vip"), Map.entry("createdAt", "7200s"),
        Map.entry("skipColumns", "payload,output"), Map.entry("offset", "-1"));
  }

  @Test
  void badInputIsRefusedBeforeAnyRequest() {
    Runs runs = client().runs();
    assertThatThrownBy(() -> runs.subscribeToRunsWithTag("a,b")).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("comma");
    assertThatThrownBy(() -> runs.subscribeToRunsWithTag()).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> runs.subscribeToRun(" ")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> runs.subscribeToBatch("b",
        SubscribeOptions.builder().createdWithin(Duration.ofHours(1)).build()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("subscribeToRunsWithTag");
    assertThatThrownBy(() -> SubscribeOptions.builder().createdWithin(Duration.ofHours(25)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("1 day");
    assertThatThrownBy(() -> SubscribeOptions.builder().skipColumns("status"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("always sends");
    assertThatThrownBy(() -> SubscribeOptions.builder().skipColumns("payloads"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not a realtime run column");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void disposingClosesTheConnectionOfTheRequestInFlight() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(30_000);
      TriggerRuns client = TestClients.newClient("http://127.0.0.1:" + listener.getLocalPort()).build();
      TestObserver<RealtimeRun> runs = client.runs().subscribeToRun("run_1").test();
      try (Socket socket = listener.accept()) {
        socket.setSoTimeout(30_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
            StandardCharsets.ISO_8859_1));
        String requestLine = in.readLine();
        assertThat(requestLine).startsWith("GET /realtime/v1/runs/run_1?offset=-1 ");
        while (!in.readLine().isEmpty()) {
          // Headers; the request is complete at the blank line, and never answered.
        }
        runs.dispose();
        // The client closed the connection: the server reads the end of the stream.
        assertThat(in.read()).isEqualTo(-1);
      }
      runs.assertNoErrors();
    }
  }
}
