package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.triggerruns.TestClients.BAD_STATUS_400;
import static io.github.triggerruns.TestClients.INTERNAL_500;
import static io.github.triggerruns.TestClients.INVALID_KEY_401;
import static io.github.triggerruns.TestClients.UNAUTHORIZED_403;
import static io.github.triggerruns.TestClients.json;
import static io.github.triggerruns.TestClients.listOnce;
import static io.github.triggerruns.TestClients.newClient;
import static io.github.triggerruns.TestClients.runRequestCount;
import static io.github.triggerruns.TestClients.stubRuns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each failure becomes its typed exception, carrying what the server said. One test per exception class. */
class ErrorMappingTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FakeTime time = new FakeTime();

  private <T extends Throwable> T failure(TriggerRuns client, Class<T> type) {
    return catchThrowableOfType(type, () -> listOnce(client));
  }

  @Test
  void badRequestKeepsTheServersDetails() {
    stubRuns(server, json(400, BAD_STATUS_400).withHeader("X-Request-Id", "req_1"));

    BadRequestException e = failure(newClient(server.baseUrl(), time).build(), BadRequestException.class);

    assertThat(e).isInstanceOf(TriggerApiException.class);
    assertThat(e.getStatusCode()).isEqualTo(400);
    assertThat(e.getRawBody()).isEqualTo(BAD_STATUS_400);
    assertThat(e.getDetails()).singleElement().satisfies(detail -> {
      assertThat(detail.getCode()).isEqualTo("custom");
      assertThat(detail.getMessage()).isEqualTo("Invalid status values: FOO");
      assertThat(detail.getPath()).containsExactly("filter[status]");
    });
    assertThat(e.getMessage()).contains("400").contains("Query Error")
        .contains("filter[status]: Invalid status values: FOO (custom)");
    assertThat(e.getHeaders()).containsKey("x-request-id").containsKey("content-type")
        .allSatisfy((name, values) -> assertThat(name).isLowerCase());
    assertThat(e.getHeader("X-Request-Id")).isEqualTo("req_1");
  }

  @Test
  void unauthorizedNamesTheVariableToSet() {
    stubRuns(server, json(401, INVALID_KEY_401));

    AuthenticationException e = failure(newClient(server.baseUrl(), time).build(), AuthenticationException.class);

    assertThat(e).isInstanceOf(TriggerApiException.class);
    assertThat(e.getStatusCode()).isEqualTo(401);
    assertThat(e.getMessage()).contains("Invalid API key").contains("TRIGGER_SECRET_KEY");
    assertThat(e.getRawBody()).isEqualTo(INVALID_KEY_401);
    assertThat(e.getHeaders().keySet()).allSatisfy(name -> assertThat(name).isLowerCase());
  }

  @Test
  void forbiddenIsPermissionDenied() {
    stubRuns(server, json(403, UNAUTHORIZED_403));

    PermissionDeniedException e =
        failure(newClient(server.baseUrl(), time).build(), PermissionDeniedException.class);

    assertThat(e).isInstanceOf(TriggerApiException.class);
    assertThat(e.getStatusCode()).isEqualTo(403);
    assertThat(e.getMessage()).contains("403").contains("Unauthorized");
    assertThat(e.getRawBody()).isEqualTo(UNAUTHORIZED_403);
  }

  @Test
  void notFoundNamesTheUrl() {
    stubRuns(server, json(404, "{\"error\":\"Not found\"}"));

    NotFoundException e = failure(newClient(server.baseUrl(), time).build(), NotFoundException.class);

    assertThat(e).isInstanceOf(TriggerApiException.class);
    assertThat(e.getStatusCode()).isEqualTo(404);
    assertThat(e.getMessage()).contains("404").contains(server.baseUrl() + TestClients.RUNS_PATH);
  }

  @Test
  void rateLimitSaysWhenTheBudgetRefills() {
    long reset = time.nowMillis() + 3_000;
    String body = "{\"title\":\"Rate Limit Exceeded\",\"status\":429,\"detail\":\"Rate limit exceeded\","
        + "\"reset\":" + reset + ",\"limit\":750,\"remaining\":0,\"secondsUntilReset\":3,"
        + "\"error\":\"Rate limit exceeded\"}";
    stubRuns(server, aResponse().withStatus(429).withHeader("Content-Type", "application/problem+json")
        .withHeader("X-RateLimit-Limit", "750").withHeader("X-RateLimit-Remaining", "0")
        .withHeader("X-RateLimit-Reset", Long.toString(reset)).withBody(body));

    RateLimitException e =
        failure(newClient(server.baseUrl(), time).maxRetries(0).build(), RateLimitException.class);

    assertThat(e).isInstanceOf(TriggerApiException.class);
    assertThat(e.getStatusCode()).isEqualTo(429);
    assertThat(e.getResetAt()).isEqualTo(Instant.ofEpochMilli(reset));
    assertThat(e.getLimit()).isEqualTo(750);
    assertThat(e.getRemaining()).isZero();
    assertThat(e.getRawBody()).isEqualTo(body);
    assertThat(e.getMessage()).contains("429").contains(Instant.ofEpochMilli(reset).toString());
    assertThat(e.getHeaders()).containsEntry("x-ratelimit-limit", List.of("750"));
    assertThat(runRequestCount(server)).isEqualTo(1);
  }

  @Test
  void serverErrorAfterRetriesIsServerException() {
    stubRuns(server, json(500, INTERNAL_500));

    ServerException e = failure(newClient(server.baseUrl(), time).maxRetries(2).build(), ServerException.class);

    assertThat(e).isInstanceOf(TriggerApiException.class);
    assertThat(e.getStatusCode()).isEqualTo(500);
    assertThat(e.getMessage()).contains("500").contains("Internal Server Error");
    assertThat(e.getRawBody()).isEqualTo(INTERNAL_500);
    assertThat(runRequestCount(server)).isEqualTo(3);
  }

  @Test
  void requestTimeoutAfterRetriesIsRequestTimeoutException() {
    stubRuns(server, json(408, "{\"error\":\"Request Timeout\"}"));

    RequestTimeoutException e =
        failure(newClient(server.baseUrl(), time).maxRetries(2).build(), RequestTimeoutException.class);

    assertThat(e).isInstanceOf(TriggerApiException.class);
    assertThat(e.getStatusCode()).isEqualTo(408);
    assertThat(e.getMessage()).contains("408").contains("Request Timeout");
    assertThat(runRequestCount(server)).as("408 is retried").isEqualTo(3);
  }

  @Test
  void conflictAfterRetriesIsConflictException() {
    String body = "{\"error\":\"Run is already completed\"}";
    stubRuns(server, json(409, body));

    ConflictException e = failure(newClient(server.baseUrl(), time).maxRetries(2).build(), ConflictException.class);

    assertThat(e).isInstanceOf(TriggerApiException.class);
    assertThat(e.getStatusCode()).isEqualTo(409);
    assertThat(e.getMessage()).contains("409").contains("Run is already completed");
    assertThat(e.getRawBody()).isEqualTo(body);
    assertThat(runRequestCount(server)).as("409 is retried").isEqualTo(3);
  }

  @Test
  void unprocessableEntityIsUnprocessableEntityException() {
    String body = "{\"error\":\"Cannot reschedule a run that is not delayed\"}";
    stubRuns(server, json(422, body));

    UnprocessableEntityException e =
        failure(newClient(server.baseUrl(), time).build(), UnprocessableEntityException.class);

    assertThat(e).isInstanceOf(TriggerApiException.class);
    assertThat(e.getStatusCode()).isEqualTo(422);
    assertThat(e.getMessage()).contains("422").contains("Cannot reschedule a run that is not delayed");
    assertThat(e.getRawBody()).isEqualTo(body);
    assertThat(runRequestCount(server)).as("422 is not retried").isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {300, 405, 410, 413, 418, 451})
  void anyOtherStatusIsUnexpectedStatusException(int status) {
    stubRuns(server, json(status, "{\"error\":\"Teapot\"}"));

    UnexpectedStatusException e =
        failure(newClient(server.baseUrl(), time).build(), UnexpectedStatusException.class);

    assertThat(e).isInstanceOf(TriggerApiException.class);
    assertThat(e.getStatusCode()).isEqualTo(status);
    assertThat(e.getMessage()).contains(Integer.toString(status)).contains("Teapot");
    assertThat(runRequestCount(server)).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 599})
  void onlyA5xxIsServerException(int status) {
    stubRuns(server, json(status, INTERNAL_500));

    ServerException e = failure(newClient(server.baseUrl(), time).maxRetries(1).build(), ServerException.class);

    assertThat(e.getStatusCode()).isEqualTo(status);
    assertThat(runRequestCount(server)).isEqualTo(2);
  }

  @Test
  void connectionResetAfterRetriesIsApiConnectionException() {
    stubRuns(server, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    ApiConnectionException e =
        failure(newClient(server.baseUrl(), time).maxRetries(2).build(), ApiConnectionException.class);

    assertThat(e).isInstanceOf(TriggerApiException.class);
    assertThat(e.getStatusCode()).isZero();
    assertThat(e.getHeaders()).isEmpty();
    assertThat(e.getRawBody()).isNull();
    assertThat(e.getCause()).isInstanceOf(IOException.class);
    assertThat(e.getMessage()).contains(e.getCause().getClass().getSimpleName());
    assertThat(runRequestCount(server)).isEqualTo(3);
  }

  @Test
  void malformedJsonIsResponseDecodingExceptionQuotingTheBody() {
    String body = "<html><body>502 Bad Gateway from the corporate proxy</body></html>";
    stubRuns(server, json(200, body));

    ResponseDecodingException e =
        failure(newClient(server.baseUrl(), time).build(), ResponseDecodingException.class);

    assertThat(e).isInstanceOf(TriggerApiException.class);
    assertThat(e.getStatusCode()).isEqualTo(200);
    assertThat(e.getMessage()).contains("502 Bad Gateway from the corporate proxy");
    assertThat(e.getRawBody()).isEqualTo(body);
    assertThat(runRequestCount(server)).isEqualTo(1);
  }

  @Test
  void longMalformedBodyIsQuotedShortened() {
    String body = "{\"data\":[{\"id\":\"run_1\",\"status\":\"QUEUED\"}] trailing " + "x".repeat(5_000);
    stubRuns(server, json(200, body));

    ResponseDecodingException e =
        failure(newClient(server.baseUrl(), time).build(), ResponseDecodingException.class);

    assertThat(e.getMessage()).contains("{\"data\":[{\"id\":\"run_1\"").hasSizeLessThan(1_000);
    assertThat(e.getRawBody()).startsWith("{\"data\":").hasSizeLessThan(body.length());
  }
}
