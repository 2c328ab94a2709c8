package io.github.triggerruns.testkit.internal.realtime;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.gson.JsonObject;
import io.github.triggerruns.testkit.internal.StubTransformer;
import io.github.triggerruns.testkit.internal.WireMockAnswers;

/**
 * {@code POST /api/v1/auth/jwt/claims} ({@code api.v1.auth.jwt.claims.ts}): with the secret key (or an
 * additional key with full access, as the legacy check takes it), the claims a public token starts from,
 * {@code {"sub":<environment id>,"pub":true}}; otherwise the 401.
 */
public final class ClaimsTransformer extends StubTransformer {
  /** The name the claims stub refers to. */
  public static final String NAME = "trigger-runs-jwt-claims";

  private final JwtAuthenticator credentials;

  /** Answers holders of a key {@code credentials} accepts the legacy way with its environment's claims. */
  public ClaimsTransformer(JwtAuthenticator credentials) {
    super(NAME);
    this.credentials = credentials;
  }

  @Override
  public Response transform(Response response, ServeEvent serveEvent) {
    // The route authenticates with authenticateApiRequest: the secret key only, no JWT.
    JsonObject body = new JsonObject();
    int status;
    if (credentials.holdsSecretKey(WireMockAnswers.header(serveEvent.getRequest(), "Authorization"))) {
      status = 200;
      body.addProperty("sub", credentials.environmentId());
      body.addProperty("pub", true);
    } else {
      status = 401;
      body.addProperty("error", "Invalid or Missing API key");
    }
    return Response.Builder.like(response).but().status(status)
        .headers(new HttpHeaders(HttpHeader.httpHeader("Content-Type", "application/json; charset=utf-8")))
        .body(body.toString()).build();
  }
}
