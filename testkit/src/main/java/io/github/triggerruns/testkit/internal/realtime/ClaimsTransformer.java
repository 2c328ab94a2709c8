package io.github.triggerruns.testkit.internal.realtime;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.gson.JsonObject;
import io.github.triggerruns.testkit.internal.StubTransformer;
import io.github.triggerruns.testkit.internal.WireMockAnswers;

/**
 * {@code POST /api/v1/auth/jwt/claims} ({@code api.v1.auth.jwt.claims.ts}): with the secret key, the
 * claims a public token starts from, {@code {"sub":<environment id>,"pub":true}}; otherwise the 401.
 */
public final class ClaimsTransformer extends StubTransformer {
  /** The name the claims stub refers to. */
  public static final String NAME = "trigger-runs-jwt-claims";

  private final String secretKey;
  private final String environmentId;

  /** Answers holders of {@code secretKey} with {@code environmentId}'s claims. */
  public ClaimsTransformer(String secretKey, String environmentId) {
    super(NAME);
    this.secretKey = secretKey;
    this.environmentId = environmentId;
  }

  @Override
  public Response transform(Response response, ServeEvent serveEvent) {
    // The route authenticates with authenticateApiRequest: the secret key only, no JWT.
    String key = JwtAuthenticator.legacyApiKey(WireMockAnswers.header(serveEvent.getRequest(), "Authorization"));
    JsonObject body = new JsonObject();
    int status;
    if (secretKey.equals(key)) {
      status = 200;
      body.addProperty("sub", environmentId);
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
