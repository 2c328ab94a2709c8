package io.github.triggerruns.testkit.internal.realtime;

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
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The live bearer check (rbac {@code bearerCredentials.ts}, which every apiBuilder route and so every
 * realtime feed uses): the secret key, an additional API key of the environment (granted its scopes),
 * or, where the route allows JWTs, a public access token: a JWT
 * with {@code pub: true} whose {@code sub} is this environment, HMAC-signed with the secret key (of
 * any length, as jose accepts), issuer {@code https://id.trigger.dev}, audience
 * {@code https://api.trigger.dev}, not expired and not before its {@code nbf}; its {@code scopes}
 * decide what it may do. Failures are the live 401 bodies.
 */
public final class JwtAuthenticator implements Authenticator {
  private static final Pattern BEARER_PREFIX = Pattern.compile("^Bearer ");
  // core's ADDITIONAL_API_KEY_PATTERN (apiKeys.ts): the server looks such keys up as additional keys only.
  private static final Pattern ADDITIONAL_API_KEY = Pattern.compile("tr_(dev|stg|prod|preview)_sk_[0-9a-zA-Z]{24}");
  private static final String ISSUER = "https://id.trigger.dev";
  private static final String AUDIENCE = "https://api.trigger.dev";
  private static final Map<JWSAlgorithm, String> HMACS = Map.of(
      JWSAlgorithm.HS256, "HmacSHA256", JWSAlgorithm.HS384, "HmacSHA384", JWSAlgorithm.HS512, "HmacSHA512");

  private final String secretKey;
  private final Map<String, List<String>> additionalKeys;
  private final String environmentId;
  private final Clock clock;

  /** Accepts {@code secretKey} and tokens it signed for {@code environmentId}. */
  public JwtAuthenticator(String secretKey, String environmentId, Clock clock) {
    this(secretKey, Map.of(), environmentId, clock);
  }

  /**
   * Accepts {@code secretKey}, the {@code additionalKeys} (each with its scopes) and tokens the secret key
   * signed for {@code environmentId}.
   */
  public JwtAuthenticator(
      String secretKey, Map<String, List<String>> additionalKeys, String environmentId, Clock clock) {
    this.secretKey = secretKey;
    this.additionalKeys = Map.copyOf(additionalKeys);
    this.environmentId = environmentId;
    this.clock = clock;
  }

  /** Whether {@code key} has an additional API key's shape ({@code isAdditionalApiKey}). */
  public static boolean isAdditionalApiKey(String key) {
    return ADDITIONAL_API_KEY.matcher(key).matches();
  }

  /** The key public tokens are signed with ({@code resolveJwtSigningKey}): the environment's root key. */
  public String signingKey() {
    return secretKey;
  }

  /** The environment whose tokens this accepts. */
  public String environmentId() {
    return environmentId;
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

  /**
   * The key the legacy check ({@code authenticateApiRequest}) reads from an Authorization header: a
   * leading {@code "Bearer "} (case-sensitive) stripped, nothing trimmed; null when there is none.
   */
  public static String legacyApiKey(String authorization) {
    String key = authorization == null ? "" : BEARER_PREFIX.matcher(authorization).replaceFirst("");
    return key.isEmpty() ? null : key;
  }

  /**
   * Whether an Authorization header holds a key the legacy check ({@code findEnvironmentByApiKey}) accepts,
   * as it reads it ({@link #legacyApiKey}): the secret key, or an additional key with full access (the
   * bare {@code admin} scope); a restricted additional key is refused there.
   */
  public boolean holdsSecretKey(String authorization) {
    String key = legacyApiKey(authorization);
    if (key != null && isAdditionalApiKey(key)) {
      return additionalKeys.getOrDefault(key, List.of()).contains("admin");
    }
    return secretKey.equals(key);
  }

  /**
   * The environment's id when an Authorization header holds one of its API keys, root or additional, as
   * the rate limiter reads it ({@code resolvePrivateApiKeyRateLimitScope}): all of them take from the
   * environment's one bucket. Null for anything else.
   */
  public String privateKeyEnvironment(String authorization) {
    String key = legacyApiKey(authorization);
    return key != null && (key.equals(secretKey) || additionalKeys.containsKey(key)) ? environmentId : null;
  }

  /** The bearer check of a route that allows JWTs, as every realtime feed does. */
  @Override
  public Outcome authenticate(String authorization) {
    return authenticate(authorization, true);
  }

  /**
   * The bearer check of a route that allows JWTs or not ({@code allowJWT}): a leading
   * {@code "Bearer "} (case-sensitive) stripped and the rest trimmed; nothing left is 401
   * {@code Invalid or Missing API key}; a public JWT, where allowed, is checked as a token; anything
   * else is looked up as a key: a value of an additional key's shape among the additional keys only
   * (granted that key's scopes), anything else as the secret key (full access); every other string is
   * 401 {@code Invalid API key} whatever its shape (403 is only for a valid credential lacking scope).
   */
  public Outcome authenticate(String authorization, boolean allowJwt) {
    String token = authorization == null ? "" : BEARER_PREFIX.matcher(authorization).replaceFirst("").strip();
    if (token.isEmpty()) {
      return refused("Invalid or Missing API key");
    }
    if (allowJwt && isPublicJwt(token)) {
      return publicToken(token);
    }
    if (isAdditionalApiKey(token)) {
      List<String> scopes = additionalKeys.get(token);
      return scopes == null ? refused("Invalid API key") : Outcome.granted(Access.scopes(scopes));
    }
    return token.equals(secretKey) ? Outcome.granted(Access.full()) : refused("Invalid API key");
  }

  /**
   * A bearer value as a public access token: its access and actor, or the 401 refusing it. A missing
   * subject or another environment's is {@code Invalid Public Access Token}; a token jose refuses
   * (signature, algorithm, expiry, not-before, issuer, audience) is {@code Public Access Token is
   * invalid}; a value that is no public JWT at all is looked up as a key, and is none.
   */
  public Outcome publicToken(String token) {
    if (!isPublicJwt(token)) {
      return refused("Invalid API key");
    }
    JsonObject payload;
    JWSObject jws;
    try {
      jws = JWSObject.parse(token);
      payload = JsonParser.parseString(jws.getPayload().toString()).getAsJsonObject();
    } catch (ParseException | RuntimeException e) {
      return refused("Public Access Token is invalid");
    }
    if (!isString(payload.get("sub")) || !payload.get("sub").getAsString().equals(environmentId)) {
      return refused("Invalid Public Access Token");
    }
    if (!signedWithKey(jws) || !claimsValid(payload)) {
      return refused("Public Access Token is invalid");
    }
    List<String> scopes = new ArrayList<>();
    JsonElement list = payload.get("scopes");
    if (list != null && list.isJsonArray()) {
      for (JsonElement scope : list.getAsJsonArray()) {
        if (isString(scope)) {
          scopes.add(scope.getAsString());
        }
      }
    }
    if (!claimsParse(payload)) {
      return Outcome.granted(Access.scopes(scopes));
    }
    return Outcome.granted(Access.scopes(scopes), actor(payload), skipColumns(payload));
  }

  // jose's jwtVerify with an issuer and an audience: iss and aud must match; exp and nbf are
  // optional but, when present, numbers with exp in the future and nbf not; iat, when present, a number.
  private boolean claimsValid(JsonObject payload) {
    long now = Math.floorDiv(clock.millis(), 1000);
    JsonElement exp = payload.get("exp");
    JsonElement nbf = payload.get("nbf");
    JsonElement iat = payload.get("iat");
    return ISSUER.equals(isString(payload.get("iss")) ? payload.get("iss").getAsString() : null)
        && audienceMatches(payload.get("aud"))
        && (exp == null || isNumber(exp) && exp.getAsDouble() > now)
        && (nbf == null || isNumber(nbf) && nbf.getAsDouble() <= now)
        && (iat == null || isNumber(iat));
  }

  // apiAuth.server.ts: the acting user and the realtime options are read only when the claims parse as
  // ClaimsSchema (scopes, otu, realtime and act each absent or of their type); otherwise the token has none.
  private static boolean claimsParse(JsonObject claims) {
    return absentOr(claims.get("scopes"), JwtAuthenticator::isStringArray)
        && absentOr(claims.get("otu"), v -> v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean())
        && absentOr(claims.get("realtime"), v -> v.isJsonObject()
            && absentOr(v.getAsJsonObject().get("skipColumns"), JwtAuthenticator::isStringArray))
        && absentOr(claims.get("act"), v -> v.isJsonObject() && isString(v.getAsJsonObject().get("sub"))
            && absentOr(v.getAsJsonObject().get("client"), JwtAuthenticator::isString));
  }

  private static String actor(JsonObject claims) {
    JsonElement act = claims.get("act");
    return act != null ? act.getAsJsonObject().get("sub").getAsString() : null;
  }

  private static List<String> skipColumns(JsonObject claims) {
    JsonElement realtime = claims.get("realtime");
    JsonElement skip = realtime == null ? null : realtime.getAsJsonObject().get("skipColumns");
    if (skip == null) {
      return null;
    }
    List<String> columns = new ArrayList<>();
    skip.getAsJsonArray().forEach(column -> columns.add(column.getAsString()));
    return columns;
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
    String hmac = HMACS.get(jws.getHeader().getAlgorithm());
    if (hmac == null) {
      return false;
    }
    try {
      byte[] expected = HMAC.compute(hmac, secretKey.getBytes(StandardCharsets.UTF_8), jws.getSigningInput(), null);
      return MessageDigest.isEqual(expected, jws.getSignature().decode());
    } catch (JOSEException e) {
      return false;
    }
  }

  private static boolean audienceMatches(JsonElement aud) {
    if (aud != null && aud.isJsonArray()) {
      for (JsonElement value : aud.getAsJsonArray()) {
        if (isString(value) && AUDIENCE.equals(value.getAsString())) {
          return true;
        }
      }
      return false;
    }
    return isString(aud) && AUDIENCE.equals(aud.getAsString());
  }

  private static boolean isNumber(JsonElement value) {
    return value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber();
  }

  private static Outcome refused(String message) {
    return Outcome.refused(Answer.error(401, message));
  }
}
