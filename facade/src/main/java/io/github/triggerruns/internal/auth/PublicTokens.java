package io.github.triggerruns.internal.auth;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import io.github.triggerruns.InvalidRequestException;
import io.github.triggerruns.NotFoundException;
import io.github.triggerruns.PermissionDeniedException;
import io.github.triggerruns.PublicTokenOptions;
import io.github.triggerruns.ResponseDecodingException;
import io.github.triggerruns.TriggerApiException;
import io.github.triggerruns.internal.errors.ErrorMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Mints public access tokens as the official SDK's {@code auth.createPublicToken} does. With the root
 * secret key: fetch the environment's claims from {@code POST /api/v1/auth/jwt/claims}, add the scopes,
 * then sign with the secret key ({@code generateJWT} in packages/core jwt.ts): header
 * {@code {"alg":"HS256"}}, payload {@code {...claims, scopes, iss, aud, exp, iat}} in that order, so the
 * same claims, scopes and second give the same token, byte for byte. With an additional API key
 * ({@link ApiKeys#isAdditional}), whose signature the server would refuse (it verifies tokens with the
 * root key): ask the server to mint one, {@code POST /api/v1/auth/public-tokens}
 * ({@code createServerPublicToken} in packages/trigger-sdk auth.ts).
 */
public final class PublicTokens {
  /** The issuer the server checks ({@code JWT_ISSUER}). */
  public static final String ISSUER = "https://id.trigger.dev";
  /** The audience the server checks ({@code JWT_AUDIENCE}). */
  public static final String AUDIENCE = "https://api.trigger.dev";
  // JSON.stringify: no HTML escaping.
  private static final Gson JSON = new GsonBuilder().disableHtmlEscaping().create();
  private static final Pattern SIGNED_JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
  private static final String CLAIMS_PATH = "api/v1/auth/jwt/claims";
  private static final String PUBLIC_TOKENS_PATH = "api/v1/auth/public-tokens";
  // MAX_PUBLIC_TOKEN_LIFETIME_SECONDS of the server's public-token route.
  private static final long MAX_SERVER_LIFETIME_SECONDS = 30L * 24 * 60 * 60;

  private final OkHttpClient http;
  private final HttpUrl baseUrl;
  private final String secretKey;
  private final Clock clock;
  private final Duration callTimeout;

  /**
   * Mints with {@code secretKey}, fetching claims through {@code http} (the client's API stack, whose
   * {@code callTimeout} a timed-out fetch names).
   */
  public PublicTokens(OkHttpClient http, HttpUrl baseUrl, String secretKey, Clock clock, Duration callTimeout) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.secretKey = secretKey;
    this.clock = clock;
    this.callTimeout = callTimeout;
  }

  /**
   * A token granting what {@code options} say.
   *
   * @throws InvalidRequestException when its expiry is not in the future, before anything is sent
   */
  public String mint(PublicTokenOptions options) {
    Instant expiresAt = options.getExpiresAt();
    if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
      throw new InvalidRequestException("A public access token's expiry must be in the future, not " + expiresAt
          + " (the server would refuse the token at once). Pass a later Instant, or expiresIn(...).");
    }
    long lifetimeSeconds = options.getExpiresIn().getSeconds();
    if (ApiKeys.isAdditional(secretKey)) {
      return mintOnServer(options, expiresAt, lifetimeSeconds);
    }
    JsonObject payload = post(CLAIMS_PATH, "");
    payload.add("scopes", strings(options.getScopes()));
    addRealtime(payload, options);
    long now = clock.millis() / 1000;
    payload.addProperty("iss", ISSUER);
    payload.addProperty("aud", AUDIENCE);
    payload.addProperty("exp", expiresAt != null ? expiresAt.getEpochSecond() : now + lifetimeSeconds);
    payload.addProperty("iat", now);
    return sign(JSON.toJson(payload), secretKey);
  }

  // The SDK's body {scopes, expirationTime}: an absolute expiry as Unix seconds (serverExpirationTime),
  // a lifetime as a duration string ("900s") that the server counts from its own clock.
  private String mintOnServer(PublicTokenOptions options, @Nullable Instant expiresAt, long lifetimeSeconds) {
    if (expiresAt == null && lifetimeSeconds > MAX_SERVER_LIFETIME_SECONDS) {
      throw new InvalidRequestException("A token minted with an additional API key may live at most 30 days"
          + " (the server's limit), not " + Duration.ofSeconds(lifetimeSeconds) + ". Shorten expiresIn.");
    }
    JsonObject body = new JsonObject();
    body.add("scopes", strings(options.getScopes()));
    if (expiresAt != null) {
      body.addProperty("expirationTime", expiresAt.getEpochSecond());
    } else {
      body.addProperty("expirationTime", lifetimeSeconds + "s");
    }
    addRealtime(body, options);
    JsonElement token = post(PUBLIC_TOKENS_PATH, JSON.toJson(body)).get("token");
    if (token == null || !token.isJsonPrimitive() || !token.getAsJsonPrimitive().isString()) {
      // The answer holds no token (or not as a string): nothing secret to hide in it.
      throw new ResponseDecodingException("The public token answer has no \"token\" string", 200,
          Collections.emptyMap(), null, new IllegalArgumentException("no token"));
    }
    return token.getAsString();
  }

  // The SDK's realtime option, {skipColumns: [...]}, only when given (JSON.stringify drops undefined).
  private static void addRealtime(JsonObject target, PublicTokenOptions options) {
    if (!options.getRealtimeSkipColumns().isEmpty()) {
      JsonObject realtime = new JsonObject();
      realtime.add("skipColumns", strings(options.getRealtimeSkipColumns()));
      target.add("realtime", realtime);
    }
  }

  private static JsonArray strings(List<String> values) {
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    return array;
  }

  /**
   * Whether {@code credential} has a JWT's shape (three base64url parts), as public access tokens do; secret
   * keys ({@code tr_...}) never have dots.
   */
  public static boolean looksLikeJwt(String credential) {
    return credential.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
  }

  /**
   * {@code line} with every signed JWT in it (the encoded header {@code {"alg":...}} starts with
   * {@code eyJ}) replaced by {@code ██}, as the logging interceptor does to the Authorization header: for
   * log lines, which may carry a minted token's answer.
   */
  public static String redactTokens(String line) {
    return line.indexOf("eyJ") < 0 ? line : SIGNED_JWT.matcher(line).replaceAll("██");
  }

  /** Signs {@code payloadJson} (kept byte for byte) with header {@code {"alg":"HS256"}}. */
  public static String sign(String payloadJson, String secretKey) {
    JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(payloadJson));
    try {
      jws.sign(new Hs256Signer(secretKey));
    } catch (JOSEException e) {
      throw new IllegalStateException("HS256 signing failed: " + e.getMessage(), e);
    }
    return jws.serialize();
  }

  // One POST of a JSON body through the client's stack (its retries and deadline), answered with an object.
  private JsonObject post(String path, String json) {
    Request request = new Request.Builder()
        .url(baseUrl.newBuilder().addPathSegments(path).build())
        .post(RequestBody.create(json.getBytes(StandardCharsets.UTF_8), MediaType.get("application/json")))
        .build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      byte[] bytes = body == null ? new byte[0] : body.bytes();
      if (!response.isSuccessful()) {
        throw refusal(path, response, ResponseBody.create(bytes, body == null ? null : body.contentType()));
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      try {
        JsonElement parsed = JsonParser.parseString(text);
        if (parsed.isJsonObject()) {
          return parsed.getAsJsonObject();
        }
      } catch (RuntimeException notJson) {
        // Reported below.
      }
      // A minting answer that is no object: its text is not shown, as it could hold a token.
      throw new ResponseDecodingException("The answer of POST /" + path + " is not a JSON object",
          response.code(), Collections.unmodifiableMap(response.headers().toMultimap()),
          path.equals(CLAIMS_PATH) ? text : null, new IllegalArgumentException("not a JSON object"));
    } catch (IOException e) {
      throw ErrorMapper.map(e, callTimeout);
    }
  }

  // handlePublicTokenRequest's own answers get messages that say what to do; the rest as everywhere.
  private static TriggerApiException refusal(String path, Response response, ResponseBody errorBody) {
    TriggerApiException mapped = ErrorMapper.fromResponse(retrofit2.Response.error(errorBody, response));
    if (!path.equals(PUBLIC_TOKENS_PATH)) {
      return mapped;
    }
    JsonObject answer = parseObject(mapped.getRawBody());
    JsonElement code = answer == null ? null : answer.get("code");
    if (response.code() == 403 && code != null && code.isJsonPrimitive()
        && "scopes_exceed_key_access".equals(code.getAsString())) {
      return new PermissionDeniedException("The additional API key may not grant " + deniedScopes(answer)
          + " (403: the requested scopes exceed the key's access). Ask only for scopes within the key's own,"
          + " or mint with a key that has them.", 403, mapped.getHeaders(), mapped.getRawBody());
    }
    if (response.code() == 404) {
      // The SDK's words (createServerPublicToken): an older server has no such route.
      return new NotFoundException("This additional API key cannot self-sign public tokens, and the server does"
          + " not support public-token minting (404 from POST /" + PUBLIC_TOKENS_PATH + "). Upgrade the server or"
          + " use the root API key.", 404, mapped.getHeaders(), mapped.getRawBody());
    }
    return mapped;
  }

  // The 403 answer's deniedScopes, e.g. "read:runs, read:all"; "some of the scopes" when it names none.
  private static String deniedScopes(JsonObject answer) {
    JsonElement denied = answer.get("deniedScopes");
    List<String> scopes = new ArrayList<>();
    if (denied != null && denied.isJsonArray()) {
      for (JsonElement scope : denied.getAsJsonArray()) {
        scopes.add(scope.isJsonPrimitive() ? scope.getAsString() : scope.toString());
      }
    }
    return scopes.isEmpty() ? "some of the scopes" : String.join(", ", scopes);
  }

  private static @Nullable JsonObject parseObject(@Nullable String body) {
    try {
      JsonElement parsed = body == null ? null : JsonParser.parseString(body);
      return parsed != null && parsed.isJsonObject() ? parsed.getAsJsonObject() : null;
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "PublicTokens{" + baseUrl + (ApiKeys.isAdditional(secretKey) ? ", additional API key" : ", root key")
        + "=<redacted>}";
  }
}
