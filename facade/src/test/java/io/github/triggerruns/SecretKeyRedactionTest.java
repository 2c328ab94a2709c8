package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.triggerruns.TestClients.BAD_STATUS_400;
import static io.github.triggerruns.TestClients.INTERNAL_500;
import static io.github.triggerruns.TestClients.INVALID_KEY_401;
import static io.github.triggerruns.TestClients.RUNS_PATH;
import static io.github.triggerruns.TestClients.SECRET_KEY;
import static io.github.triggerruns.TestClients.json;
import static io.github.triggerruns.TestClients.livePage;
import static io.github.triggerruns.TestClients.listOnce;
import static io.github.triggerruns.TestClients.newClient;
import static io.github.triggerruns.TestClients.stubRuns;
import static io.github.triggerruns.TestClients.stubSequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import okhttp3.logging.HttpLoggingInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The secret key never shows up in exceptions, toString() or HTTP logs. */
class SecretKeyRedactionTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("401", json(401, INVALID_KEY_401)),
        Arguments.of("400", json(400, BAD_STATUS_400)),
        Arguments.of("404", json(404, "{\"error\":\"Not found\"}")),
        Arguments.of("429", json(429, "{}").withHeader("x-ratelimit-reset", "1")),
        Arguments.of("500", json(500, INTERNAL_500)),
        Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
        Arguments.of("malformed 200", json(200, "not json at all")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void exceptionsNeverShowTheKey(String name, ResponseDefinitionBuilder answer) {
    stubRuns(server, answer);

    Throwable e = catchThrowable(() -> listOnce(newClient(server.baseUrl()).maxRetries(1).build()));

    assertThat(e).isInstanceOf(TriggerApiException.class);
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertThat(e.getMessage()).isNotBlank().doesNotContain(SECRET_KEY);
    assertThat(e.toString()).doesNotContain(SECRET_KEY);
    assertThat(trace.toString()).doesNotContain(SECRET_KEY);
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      assertThat(String.valueOf(cause.getMessage())).doesNotContain(SECRET_KEY);
    }
  }

  @Test
  void clientAndBuilderToStringHideTheKey() {
    TriggerRuns.Builder builder = newClient(server.baseUrl());
    TriggerRuns client = builder.build();

    assertThat(builder.toString()).doesNotContain(SECRET_KEY).contains("redacted");
    assertThat(client.toString()).doesNotContain(SECRET_KEY).contains(server.baseUrl());
    assertThat(client.runs().toString()).doesNotContain(SECRET_KEY);
  }

  @Test
  void keyFromTheEnvironmentIsNotShownEither() {
    TriggerRuns.Builder builder = TriggerRuns.builder().baseUrl(server.baseUrl())
        .environment(name -> name.equals("TRIGGER_SECRET_KEY") ? SECRET_KEY : null);

    assertThat(builder.toString()).doesNotContain(SECRET_KEY);
    assertThat(builder.build().toString()).doesNotContain(SECRET_KEY);
  }

  @ParameterizedTest
  @EnumSource(value = HttpLoggingInterceptor.Level.class, names = {"BASIC", "HEADERS", "BODY"})
  void httpLogShowsTheRequestButNotTheKey(HttpLoggingInterceptor.Level level) {
    stubSequence(server, json(500, INTERNAL_500), livePage());
    List<String> lines = new CopyOnWriteArrayList<>();

    listOnce(newClient(server.baseUrl()).httpLogging(level, lines::add).build());

    String log = String.join("\n", lines);
    assertThat(log).doesNotContain(SECRET_KEY)
        .contains("--> GET " + server.baseUrl() + RUNS_PATH)
        .contains("<-- 500")
        .contains("<-- 200");
    if (level != HttpLoggingInterceptor.Level.BASIC) {
      // The headers really are logged, so the key's absence means it was redacted, not skipped.
      assertThat(log).contains("x-trigger-api-version: 2025-07-16").containsPattern("(?i)authorization: ██");
    }
    if (level == HttpLoggingInterceptor.Level.BODY) {
      assertThat(log).contains("run_delayed");
    }
  }

  @Test
  void failedCallLogsNoKeyEither() {
    stubRuns(server, json(401, INVALID_KEY_401));
    List<String> lines = new CopyOnWriteArrayList<>();

    catchThrowable(() -> listOnce(newClient(server.baseUrl())
        .httpLogging(HttpLoggingInterceptor.Level.BODY, lines::add).build()));

    assertThat(String.join("\n", lines)).contains("<-- 401").contains("Invalid API key").doesNotContain(SECRET_KEY);
  }
}
