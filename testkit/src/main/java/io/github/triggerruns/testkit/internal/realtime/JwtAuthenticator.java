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
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

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

  /** The environment whose tokens this accepts. */
  public String environmentId() {
    return environmentId;
  }

  /** Whether a bearer value is a JWT (three dot-separated parts), not a key. */
  public static boolean isJwt(String token) {
    return token != null && token.split("\\.", -1).length == 3;
  }

  /**
   * Whether a bearer value is a public token as the live {@code isPublicJWT} tells: three
   * dot-separated parts whose middle one decodes to a JSON object with {@code "pub": true}. Nothing
   * is verified.
   */
  public static boolean isPublicJwt(String token) {
    String[] parts = token == null ? new String[0] : token.split("\\.", -1);
    if (parts.length != 3 || parts[1].isEmpty()) {
      return false;
    }
    try {
      // As core's decodeJWTPayload: base64url made plain base64, padded, then atob.
      String base64 = parts[1].replace('-', '+').replace('_', '/');
      base64 += "===".substring(0, (4 - base64.length() % 4) % 4);
      JsonElement payload = JsonParser.parseString(
          new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
      return payload.isJsonObject() && isTrue(payload.getAsJsonObject().get("pub"));
    } catch (RuntimeException notJson) {
      return false;
    }
  }

  @Override
  public Outcome authenticate(String authorization) {
    String token = bearer(authorization);
    if (token != null && token.equals(secretKey)) {
      return Outcome.granted(Access.full());
    }
    return publicToken(token);
  }

  /** A bearer value (null: none) as a public access token: its access and actor, or the 401 refusing it. */
  public Outcome publicToken(String token) {
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
    if (!isTrue(payload.get("pub"))) {
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
    return Outcome.granted(Access.scopes(scopes), actor(payload));
  }

  // apiAuth.server.ts: the acting user is read only when the claims parse as ClaimsSchema (scopes,
  // otu, realtime and act each absent or of their type); otherwise the token has none.
  private static String actor(JsonObject claims) {
    boolean parses = absentOr(claims.get("scopes"), JwtAuthenticator::isStringArray)
        && absentOr(claims.get("otu"), v -> v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean())
        && absentOr(claims.get("realtime"), v -> v.isJsonObject()
            && absentOr(v.getAsJsonObject().get("skipColumns"), JwtAuthenticator::isStringArray))
        && absentOr(claims.get("act"), v -> v.isJsonObject() && isString(v.getAsJsonObject().get("sub"))
            && absentOr(v.getAsJsonObject().get("client"), JwtAuthenticator::isString));
    JsonElement act = claims.get("act");
    return parses && act != null ? act.getAsJsonObject().get("sub").getAsString() : null;
  }

  private static boolean absentOr(JsonElement value, Predicate<JsonElement> type) {
    return value == null || type.test(value);
  }

  private static boolean isStringArray(JsonElement value) {
    if (!value.isJsonArray()) {
      return false;
    }
    for (JsonElement item : value.getAsJsonArray()) {
      if (!isString(item)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isString(JsonElement value) {
    return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
  }

  private static boolean isTrue(JsonElement value) {
    return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()
        && value.getAsBoolean();
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
    return Outcome.refused(Answer.error(401, message));
  }
}
