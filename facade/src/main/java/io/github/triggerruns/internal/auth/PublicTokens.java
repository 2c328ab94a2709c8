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
import io.github.triggerruns.ResponseDecodingException;
import io.github.triggerruns.internal.errors.ErrorMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Mints public access tokens as the official SDK's {@code auth.createPublicToken} does with a root secret
 * key: fetch the environment's claims from {@code POST /api/v1/auth/jwt/claims}, add the scopes, then sign
 * with the secret key ({@code generateJWT} in packages/core jwt.ts): header {@code {"alg":"HS256"}},
 * payload {@code {...claims, scopes, iss, aud, exp, iat}} in that order, so the same claims, scopes and
 * second give the same token, byte for byte.
 */
public final class PublicTokens {
  /** The issuer the server checks ({@code JWT_ISSUER}). */
  public static final String ISSUER = "https://id.trigger.dev";
  /** The audience the server checks ({@code JWT_AUDIENCE}). */
  public static final String AUDIENCE = "https://api.trigger.dev";
  // JSON.stringify: no HTML escaping.
  private static final Gson JSON = new GsonBuilder().disableHtmlEscaping().create();

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

  /** A token granting {@code scopes} until {@code expiresAt}, or for {@code lifetimeSeconds} from now. */
  public String mint(List<String> scopes, @Nullable Instant expiresAt, long lifetimeSeconds) {
    JsonObject payload = claims();
    JsonArray scopeArray = new JsonArray();
    scopes.forEach(scopeArray::add);
    payload.add("scopes", scopeArray);
    long now = clock.millis() / 1000;
    payload.addProperty("iss", ISSUER);
    payload.addProperty("aud", AUDIENCE);
    payload.addProperty("exp", expiresAt != null ? expiresAt.getEpochSecond() : now + lifetimeSeconds);
    payload.addProperty("iat", now);
    return sign(JSON.toJson(payload), secretKey);
  }

  /**
   * Whether {@code credential} has a JWT's shape (three base64url parts), as public access tokens do; secret
   * keys ({@code tr_...}) never have dots.
   */
  public static boolean looksLikeJwt(String credential) {
    return credential.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
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

  private JsonObject claims() {
    Request request = new Request.Builder()
        .url(baseUrl.newBuilder().addPathSegments("api/v1/auth/jwt/claims").build())
        .post(RequestBody.create(new byte[0], MediaType.get("application/json")))
        .build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      byte[] bytes = body == null ? new byte[0] : body.bytes();
      if (!response.isSuccessful()) {
        throw ErrorMapper.fromResponse(retrofit2.Response.error(
            ResponseBody.create(bytes, body == null ? null : body.contentType()), response));
      }
      String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      try {
        JsonElement parsed = JsonParser.parseString(text);
        if (parsed.isJsonObject()) {
          return parsed.getAsJsonObject();
        }
      } catch (RuntimeException notJson) {
        // Reported below.
      }
      throw new ResponseDecodingException("The JWT claims answer is not a JSON object", response.code(),
          Collections.unmodifiableMap(response.headers().toMultimap()), text,
          new IllegalArgumentException("not a JSON object"));
    } catch (IOException e) {
      throw ErrorMapper.map(e, callTimeout);
    }
  }

  @Override
  public String toString() {
    return "PublicTokens{" + baseUrl + ", secretKey=<redacted>}";
  }
}
