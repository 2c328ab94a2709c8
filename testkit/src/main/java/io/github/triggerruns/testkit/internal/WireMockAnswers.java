package io.github.triggerruns.testkit.internal;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every transformer of the fake server shares: reading a request header, and turning the {@link Answer}
 * an endpoint computed into WireMock's response, each {@link Answer.Delivery} (faults included) in WireMock
 * terms.
 */
public final class WireMockAnswers {
  private WireMockAnswers() {}

  /** {@code answer} as WireMock's response, built like {@code stub} (the matched stub's empty response). */
  public static Response respond(Answer answer, Response stub) {
    Response.Builder out = Response.Builder.like(stub).but();
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

  /** The first value of request header {@code name}, or null when absent. */
  public static String header(Request request, String name) {
    HttpHeader header = request.header(name);
    return header != null && header.isPresent() ? header.firstValue() : null;
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
}
