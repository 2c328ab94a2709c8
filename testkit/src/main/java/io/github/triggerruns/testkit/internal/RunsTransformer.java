package io.github.triggerruns.testkit.internal;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * The WireMock side of the endpoint: one stub matches every route {@link RunsEndpoint#serves}, and this
 * transformer replaces its (empty) response with the {@link Answer} that {@link RunsEndpoint}
 * computes, translating each {@link Answer.Delivery} into WireMock terms.
 */
final class RunsTransformer extends StubTransformer {
  static final String NAME = "trigger-runs-endpoint";

  private final RunsEndpoint endpoint;

  RunsTransformer(RunsEndpoint endpoint) {
    super(NAME);
    this.endpoint = endpoint;
  }

  @Override
  public Response transform(Response response, ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    Answer answer =
        endpoint.handle(
            request.getMethod().getName(), request.getUrl(), WireMockAnswers.header(request, "Authorization"),
            WireMockAnswers.header(request, "x-trigger-api-version"), request.getBodyAsString());
    return WireMockAnswers.respond(answer, response);
  }
}
