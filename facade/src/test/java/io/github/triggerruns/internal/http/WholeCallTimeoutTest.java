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
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole-call timeout with real but short deadlines against WireMock delays: it cuts off a slow answer
 * and a slow body, and never a call that finished, however many calls share a tick.
 */
class WholeCallTimeoutTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final int SLOW_MILLIS = 2_000;

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
    Call call = client(Duration.ofMillis(200)).newCall(request("/late"));

    long start = System.nanoTime();
    InterruptedIOException e = catchThrowableOfType(InterruptedIOException.class, call::execute);
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(e).hasMessageContaining("callTimeout of 200 ms").hasCauseInstanceOf(IOException.class);
    assertThat(call.isCanceled()).isTrue();
    assertThat(elapsedMillis).isLessThan(SLOW_MILLIS / 2);
  }

  @Test
  void cutsOffABodyThatArrivesTooSlowly() throws IOException {
    stub("/dribble", aResponse().withStatus(200).withBody(String.join("", Collections.nCopies(2_000, "x")))
        .withChunkedDribbleDelay(20, SLOW_MILLIS));
    Call call = client(Duration.ofMillis(300)).newCall(request("/dribble"));

    try (Response response = call.execute()) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> response.body().string())
          .isInstanceOf(InterruptedIOException.class)
          .hasMessageContaining("callTimeout of 300 ms");
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(SLOW_MILLIS / 2);
    }
  }

  @Test
  void leavesCallsThatFinishedAlone() throws IOException {
    stub("/fast", aResponse().withStatus(200).withBody("{\"data\":[]}"));
    stub("/error", aResponse().withStatus(500).withBody("{\"error\":\"boom\"}"));
    stub("/late", aResponse().withStatus(200).withBody("{}").withFixedDelay(SLOW_MILLIS));
    OkHttpClient client = client(Duration.ofMillis(200));

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
    assertThatThrownBy(late::execute).isInstanceOf(InterruptedIOException.class);

    // Deadlines fire in order, so the late call's has passed only after all the earlier ones did.
    assertThat(late.isCanceled()).isTrue();
    assertThat(List.of(readToTheEnd, closedUnread, failed)).noneMatch(Call::isCanceled);
  }

  @Test
  void callsMadeOneAfterAnotherForSeveralTimeoutsAllSucceed() throws IOException {
    stub("/fast", aResponse().withStatus(200).withBody("{\"data\":[]}"));
    Duration timeout = Duration.ofMillis(100);
    OkHttpClient client = client(timeout);

    List<Call> calls = new ArrayList<>();
    long start = System.nanoTime();
    while (System.nanoTime() - start < timeout.toNanos() * 4) {
      Call call = client.newCall(request("/fast"));
      try (Response response = call.execute()) {
        assertThat(response.body().string()).isEqualTo("{\"data\":[]}");
      }
      calls.add(call);
    }

    assertThat(calls).hasSizeGreaterThan(4).noneMatch(Call::isCanceled);
  }
}
