package io.github.triggerruns.testkit.internal;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The WireMock side of the endpoint: one stub matches every route {@link RunsEndpoint#serves}, and this
 * transformer replaces its (empty) response with the {@link Answer} that {@link RunsEndpoint}
 * computes, translating each {@link Answer.Delivery} into WireMock terms.
 */
final class RunsTransformer implements ResponseTransformerV2 {
  static final String NAME = "trigger-runs-endpoint";

  private final RunsEndpoint endpoint;

  RunsTransformer(RunsEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    // Only the runs stub names this transformer; the catch-all 404 stays untouched.
    return false;
  }

  @Override
  public Response transform(Response response, ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    Answer answer =
        endpoint.handle(
            request.getMethod().getName(), request.getUrl(), header(request, "Authorization"),
            header(request, "x-trigger-api-version"), request.getBodyAsString());
    Response.Builder out = Response.Builder.like(response).but();
    out.incrementInitialDelay(answer.delayMs());
    switch (answer.delivery()) {
      case RESET:
        return out.fault(Fault.CONNECTION_RESET_BY_PEER).build();
      case EMPTY:
        return out.fault(Fault.EMPTY_RESPONSE).build();
      case TRUNCATED:
        return out.status(answer.status())
            .headers(headers(answer, true))
            .body(new TruncatedBody(answer.body()))
            .build();
      case STALLED:
        return out.status(answer.status())
            .headers(headers(answer, true))
            .body(new StalledBody(answer.body(), answer.stallMs()))
            .build();
      default:
        return out.status(answer.status())
            .headers(headers(answer, false))
            .body(answer.body())
            .build();
    }
  }

  private static HttpHeaders headers(Answer answer, boolean withContentLength) {
    List<HttpHeader> headers = new ArrayList<>();
    for (Map.Entry<String, String> h : answer.headers().entrySet()) {
      headers.add(HttpHeader.httpHeader(h.getKey(), h.getValue()));
    }
    if (withContentLength) {
      // Announce the whole body even when less (or later) is sent: that is the point of the fault.
      headers.add(HttpHeader.httpHeader("Content-Length", Integer.toString(answer.body().length)));
    }
    return new HttpHeaders(headers);
  }

  private static String header(Request request, String name) {
    HttpHeader header = request.header(name);
    return header != null && header.isPresent() ? header.firstValue() : null;
  }
}
