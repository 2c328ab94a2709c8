package io.github.triggerruns.testkit.internal.realtime;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.triggerruns.testkit.internal.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The WireMock side of {@link RealtimeEndpoint}: the realtime stub's answer, computed (and held) here. */
public final class RealtimeTransformer implements ResponseTransformerV2 {
  /** The name the realtime stub refers to. */
  public static final String NAME = "trigger-runs-realtime";

  private final RealtimeEndpoint endpoint;

  /** Serves {@code endpoint}. */
  public RealtimeTransformer(RealtimeEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public Response transform(Response response, ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    Answer answer = endpoint.handle(request.getUrl(), header(request, "Authorization"),
        header(request, "x-trigger-electric-version"), header(request, "x-trigger-api-version"));
    Response.Builder out = Response.Builder.like(response).but();
    if (answer.delivery() == Answer.Delivery.RESET) {
      return out.fault(Fault.CONNECTION_RESET_BY_PEER).build();
    }
    List<HttpHeader> headers = new ArrayList<>();
    for (Map.Entry<String, String> h : answer.headers().entrySet()) {
      headers.add(HttpHeader.httpHeader(h.getKey(), h.getValue()));
    }
    return out.status(answer.status()).headers(new HttpHeaders(headers)).body(answer.body()).build();
  }

  private static String header(Request request, String name) {
    HttpHeader header = request.header(name);
    return header != null && header.isPresent() ? header.firstValue() : null;
  }
}
