package io.github.triggerruns.testkit.internal.realtime;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.impl.HMAC;
import io.github.triggerruns.testkit.internal.Answer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The secret key, or a public access token as {@code jwtAuth.server.ts} validates it: a JWT with
 * {@code pub: true} whose {@code sub} is this environment, HS256-signed with the secret key (of any
 * length, as jose accepts), issuer {@code https://id.trigger.dev}, audience
 * {@code https://api.trigger.dev}, not expired; its {@code scopes} decide what it may read. Failures
 * are the live 401 bodies.
 */
public final class JwtAuthenticator implements Authenticator {
  private static final String DOCS =
      " See https://trigger.dev/docs/frontend/overview#authentication for more information.";
  private static final String ISSUER = "https://id.trigger.dev";
  private static final String AUDIENCE = "https://api.trigger.dev";

  private final String secretKey;
  private final String environmentId;
  private final Clock clock;

  /** Accepts {@code secretKey} and tokens it signed for {@code environmentId}. */
  public JwtAuthenticator(String secretKey, String environmentId, Clock clock) {
    this.secretKey = secretKey;
    this.environmentId = environmentId;
    this.clock = clock;
  }

  /** Whether a bearer value is a JWT (three dot-separated parts), not a key. */
  public static boolean isJwt(String token) {
    return token != null && token.split("\\.", -1).length == 3;
  }

  @Override
  public Outcome authenticate(String authorization) {
    String token = bearer(authorization);
    if (token != null && token.equals(secretKey)) {
      return Outcome.granted(Access.full());
    }
    if (token == null || !isJwt(token)) {
      return refused("Invalid or Missing API key");
    }
    JsonObject payload;
    JWSObject jws;
    try {
      jws = JWSObject.parse(token);
      payload = JsonParser.parseString(jws.getPayload().toString()).getAsJsonObject();
    } catch (ParseException | RuntimeException e) {
      return refused("Invalid or Missing API key");
    }
    if (!payload.has("pub") || !payload.get("pub").isJsonPrimitive() || !payload.get("pub").getAsBoolean()) {
      // Not a public JWT: the route tries it as an API key, which it is not.
      return refused("Invalid or Missing API key");
    }
    String sub = text(payload, "sub");
    if (sub == null) {
      return refused("Invalid Public Access Token, missing subject.");
    }
    if (!sub.equals(environmentId)) {
      return refused("Invalid Public Access Token, environment not found.");
    }
    if (!JWSAlgorithm.HS256.equals(jws.getHeader().getAlgorithm()) || !signedWithKey(jws)) {
      return refused("Public Access Token is invalid." + DOCS);
    }
    if (!payload.has("exp") || payload.get("exp").getAsLong() <= clock.millis() / 1000) {
      // jose: "exp" must be a number and in the future.
      return refused(payload.has("exp") ? "Public Access Token has expired." + DOCS
          : "Public Access Token is invalid." + DOCS);
    }
    if (!ISSUER.equals(text(payload, "iss"))) {
      return refused("Public Access Token is invalid: unexpected \"iss\" claim value." + DOCS);
    }
    if (!audienceMatches(payload.get("aud"))) {
      return refused("Public Access Token is invalid: unexpected \"aud\" claim value." + DOCS);
    }
    List<String> scopes = new ArrayList<>();
    JsonElement list = payload.get("scopes");
    if (list != null && list.isJsonArray()) {
      for (JsonElement scope : list.getAsJsonArray()) {
        scopes.add(scope.getAsString());
      }
    }
    return Outcome.granted(Access.scopes(scopes));
  }

  private boolean signedWithKey(JWSObject jws) {
    try {
      byte[] expected = HMAC.compute("HmacSHA256", secretKey.getBytes(StandardCharsets.UTF_8),
          jws.getSigningInput(), null);
      return MessageDigest.isEqual(expected, jws.getSignature().decode());
    } catch (JOSEException e) {
      return false;
    }
  }

  private static boolean audienceMatches(JsonElement aud) {
    if (aud == null) {
      return false;
    }
    if (aud.isJsonArray()) {
      JsonArray array = aud.getAsJsonArray();
      for (JsonElement value : array) {
        if (AUDIENCE.equals(value.getAsString())) {
          return true;
        }
      }
      return false;
    }
    return AUDIENCE.equals(aud.getAsString());
  }

  private static String text(JsonObject object, String name) {
    JsonElement value = object.get(name);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
  }

  /** The token of a {@code Bearer} header, or null. */
  public static String bearer(String authorization) {
    if (authorization == null) {
      return null;
    }
    String value = authorization.strip();
    return value.length() > 7 && value.substring(0, 7).toLowerCase(java.util.Locale.ROOT).equals("bearer ")
        ? value.substring(7).strip() : null;
  }

  private static Outcome refused(String message) {
    JsonObject body = new JsonObject();
    body.addProperty("error", message);
    return Outcome.refused(Answer.of(401, Answer.JSON, body.toString()));
  }
}
