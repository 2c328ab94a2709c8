package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.triggerruns.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonParser;
import io.github.triggerruns.generated.api.RunApi;
import io.github.triggerruns.generated.api.RunsApi;
import io.github.triggerruns.generated.api.SchedulesApi;
import io.github.triggerruns.generated.model.RescheduleRunRequestBody;
import io.github.triggerruns.generated.model.RescheduleRunRequestBodyDelay;
import io.github.triggerruns.generated.model.RetrieveRunResponse;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.logging.HttpLoggingInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import retrofit2.HttpException;

/** {@code client.api(X.class)}: a generated interface through the client's whole stack. */
class ApiEscapeHatchTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String DETAILS_PATH = "/api/v3/runs/run_child1";
  private final FakeTime time = new FakeTime();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final TriggerRuns client = TestClients.newClient(server.baseUrl(), time)
      .httpLogging(HttpLoggingInterceptor.Level.HEADERS, log::add).build();

  @Test
  void sendsTheClientsHeadersAndRedactsTheKeyInLogs() {
    server.stubFor(get(urlPathEqualTo(DETAILS_PATH)).willReturn(json(200, RunActionsTest.details())));

    RetrieveRunResponse run = client.api(RunApi.class).retrieveRunV1("run_child1").blockingFirst();

    assertThat(run.getId()).isEqualTo("run_child1");
    assertThat(run.getTtl().getJson().getAsString()).isEqualTo("1h42m");
    LoggedRequest sent = server.findAll(anyRequestedFor(urlPathEqualTo(DETAILS_PATH))).get(0);
    assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + TestClients.SECRET_KEY);
    assertThat(sent.getHeader("x-trigger-api-version")).isEqualTo("2025-07-16");
    assertThat(sent.getHeader("x-trigger-request-idempotency-key")).isNotBlank();
    assertThat(log).anyMatch(line -> line.startsWith("Authorization:"));
    assertThat(String.join("\n", log)).doesNotContain(TestClients.SECRET_KEY);
  }

  @Test
  void retriesA503WithBackoffKeepingTheIdempotencyKey() {
    TestClients.stubSequence(server, () -> get(urlPathEqualTo(DETAILS_PATH)), json(503, "{\"error\":\"Unavailable\"}"),
        json(503, "{\"error\":\"Unavailable\"}"), json(200, RunActionsTest.details()));

    RetrieveRunResponse run = client.api(RunApi.class).retrieveRunV1("run_child1").blockingFirst();

    assertThat(run.getId()).isEqualTo("run_child1");
    List<LoggedRequest> sent = server.findAll(anyRequestedFor(urlPathEqualTo(DETAILS_PATH)));
    assertThat(sent).hasSize(3);
    assertThat(sent).extracting(r -> r.getHeader("x-trigger-request-idempotency-key")).containsOnly(
        sent.get(0).getHeader("x-trigger-request-idempotency-key"));
    assertThat(time.waits()).hasSize(2);
  }

  @Test
  void aNotFoundIsTypedNeverRetrofitsHttpException() {
    server.stubFor(get(urlPathEqualTo("/api/v3/runs/run_gone")).willReturn(json(404, "{\"error\":\"Not found\"}")));
    server.stubFor(delete(urlPathEqualTo("/api/v1/schedules/sched_gone"))
        .willReturn(json(404, "{\"error\":\"Not found\"}")));

    assertThatThrownBy(() -> client.api(RunApi.class).retrieveRunV1("run_gone").blockingFirst())
        .isInstanceOf(NotFoundException.class).isNotInstanceOf(HttpException.class)
        .satisfies(e -> assertThat(((NotFoundException) e).getStatusCode()).isEqualTo(404));
    assertThatThrownBy(() -> client.api(SchedulesApi.class).deleteScheduleV1("sched_gone").blockingAwait())
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aRequestBodyGoesOutAsJsonAndA400KeepsTheServersMessage() {
    server.stubFor(post(urlPathEqualTo("/api/v1/runs/run_child1/reschedule"))
        .willReturn(json(400, "{\"error\":\"Invalid delay: soon\"}")));
    RescheduleRunRequestBody body = new RescheduleRunRequestBody().delay(RescheduleRunRequestBodyDelay.of("soon"));

    assertThatThrownBy(() -> client.api(RunsApi.class).rescheduleRunV1("run_child1", body).blockingFirst())
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Invalid delay: soon");
    LoggedRequest sent = server.findAll(anyRequestedFor(urlPathEqualTo("/api/v1/runs/run_child1/reschedule"))).get(0);
    assertThat(JsonParser.parseString(sent.getBodyAsString())).isEqualTo(JsonParser.parseString("{\"delay\":\"soon\"}"));
    assertThat(sent.getHeader("Content-Type")).startsWith("application/json");
  }

  @Test
  void callsAreSentOnTheClientsSchedulerWhenSubscribed() {
    server.stubFor(get(urlPathEqualTo(DETAILS_PATH)).willReturn(json(200, RunActionsTest.details())));
    TestScheduler scheduler = new TestScheduler();
    TriggerRuns scheduled = TestClients.newClient(server.baseUrl(), time).scheduler(scheduler).build();

    TestObserver<RetrieveRunResponse> observer = scheduled.api(RunApi.class).retrieveRunV1("run_child1").test();
    assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();

    scheduler.triggerActions();
    observer.assertValueCount(1).assertComplete();
  }
}
