package io.github.triggerruns.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole-call timeout with real but short deadlines against WireMock delays: it cuts off a slow answer
 * and a slow body, and never a call that finished, however many calls (and threads) share a tick.
 */
class WholeCallTimeoutTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final int SLOW_MILLIS = 3_000;

  private static OkHttpClient client(Duration timeout) {
    return new OkHttpClient.Builder().addInterceptor(new WholeCallTimeout(timeout)).build();
  }

  private static Request request(String path) {
    return new Request.Builder().url(server.baseUrl() + path).build();
  }

  private static void stub(String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
    server.stubFor(get(urlPathEqualTo(path)).willReturn(answer));
  }

  @Test
  void cutsOffAnAnswerThatIsLate() {
    stub("/late", aResponse().withStatus(200).withBody("{}").withFixedDelay(SLOW_MILLIS));
    Call call = client(Duration.ofMillis(300)).newCall(request("/late"));

    long start = System.nanoTime();
    CallTimeoutException e = catchThrowableOfType(CallTimeoutException.class, call::execute);
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(e).hasMessageContaining("callTimeout of 300 ms").hasCauseInstanceOf(IOException.class);
    assertThat(call.isCanceled()).isTrue();
    assertThat(elapsedMillis).isLessThan(SLOW_MILLIS / 2);
  }

  @Test
  void cutsOffABodyThatArrivesTooSlowly() throws IOException {
    stub("/dribble", aResponse().withStatus(200).withBody(String.join("", Collections.nCopies(2_000, "x")))
        .withChunkedDribbleDelay(20, SLOW_MILLIS));
    Call call = client(Duration.ofMillis(500)).newCall(request("/dribble"));

    try (Response response = call.execute()) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> response.body().string())
          .isInstanceOf(CallTimeoutException.class)
          .hasMessageContaining("callTimeout of 500 ms");
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(SLOW_MILLIS / 2);
    }
  }

  @Test
  void anyLengthOfTimeoutIsAccepted() throws IOException {
    stub("/fast", aResponse().withStatus(200).withBody("{\"data\":[]}"));
    Call call = client(Duration.ofSeconds(Long.MAX_VALUE)).newCall(request("/fast"));

    try (Response response = call.execute()) {
      assertThat(response.body().string()).isEqualTo("{\"data\":[]}");
    }
    assertThat(call.isCanceled()).isFalse();
  }

  @Test
  void leavesCallsThatFinishedAlone() throws IOException {
    stub("/fast", aResponse().withStatus(200).withBody("{\"data\":[]}"));
    stub("/error", aResponse().withStatus(500).withBody("{\"error\":\"boom\"}"));
    stub("/late", aResponse().withStatus(200).withBody("{}").withFixedDelay(SLOW_MILLIS));
    OkHttpClient client = client(Duration.ofSeconds(1));

    Call readToTheEnd = client.newCall(request("/fast"));
    try (Response response = readToTheEnd.execute()) {
      assertThat(response.body().string()).isEqualTo("{\"data\":[]}");
    }
    Call closedUnread = client.newCall(request("/fast"));
    closedUnread.execute().close();
    Call failed = client.newCall(request("/error"));
    try (Response response = failed.execute()) {
      assertThat(response.code()).isEqualTo(500);
    }
    Call late = client.newCall(request("/late"));
    assertThatThrownBy(late::execute).isInstanceOf(CallTimeoutException.class);

    // Deadlines come due in order, so the earlier calls' had passed when the late call's did.
    assertThat(late.isCanceled()).isTrue();
    assertThat(List.of(readToTheEnd, closedUnread, failed)).noneMatch(Call::isCanceled);
  }

  @Test
  void callsFromSeveralThreadsOverSeveralTimeoutsAreLeftAlone() throws Exception {
    stub("/fast", aResponse().withStatus(200).withBody("{\"data\":[]}"));
    stub("/late", aResponse().withStatus(200).withBody("{}").withFixedDelay(SLOW_MILLIS));
    Duration timeout = Duration.ofMillis(500);
    OkHttpClient client = client(timeout);
    long until = System.nanoTime() + timeout.toNanos() * 3;
    Callable<List<Call>> callUntilThen = () -> {
      List<Call> calls = new ArrayList<>();
      while (System.nanoTime() < until) {
        Call call = client.newCall(request("/fast"));
        try (Response response = call.execute()) {
          assertThat(response.body().string()).isEqualTo("{\"data\":[]}");
        }
        calls.add(call);
      }
      return calls;
    };

    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<Call> calls = new ArrayList<>();
    try {
      for (Future<List<Call>> made : threads.invokeAll(Collections.nCopies(4, callUntilThen))) {
        calls.addAll(made.get());
      }
    } finally {
      threads.shutdown();
    }
    Call late = client.newCall(request("/late"));
    assertThatThrownBy(late::execute).isInstanceOf(CallTimeoutException.class);

    assertThat(calls).hasSizeGreaterThan(8).noneMatch(Call::isCanceled);
  }
}
