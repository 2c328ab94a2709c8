package io.github.triggerruns.testkit.internal.realtime;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.triggerruns.testkit.internal.Answer;
import io.github.triggerruns.testkit.internal.StubTransformer;
import io.github.triggerruns.testkit.internal.WireMockAnswers;

/** The WireMock side of {@link RealtimeEndpoint}: the realtime stub's answer, computed (and held) here. */
public final class RealtimeTransformer extends StubTransformer {
  /** The name the realtime stub refers to. */
  public static final String NAME = "trigger-runs-realtime";

  private final RealtimeEndpoint endpoint;

  /** Serves {@code endpoint}. */
  public RealtimeTransformer(RealtimeEndpoint endpoint) {
    super(NAME);
    this.endpoint = endpoint;
  }

  @Override
  public Response transform(Response response, ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    Answer answer = endpoint.handle(request.getUrl(), WireMockAnswers.header(request, "Authorization"),
        WireMockAnswers.header(request, "x-trigger-electric-version"),
        WireMockAnswers.header(request, "x-trigger-api-version"));
    return WireMockAnswers.respond(answer, response);
  }
}
