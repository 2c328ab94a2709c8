package io.github.triggerruns.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Public access tokens signed as the official SDK signs them (jose's SignJWT, HS256 with the secret key). */
final class PublicTokens {
  /** The live 403 for a valid token lacking the scope. */
  static final String FORBIDDEN =
      "{\"error\":\"Unauthorized\",\"code\":\"unauthorized\",\"param\":\"access_token\",\"type\":\"authorization\"}";

  private PublicTokens() {}

  /** A token for {@code server}'s environment with {@code scopesJson}, valid 15 minutes from {@link Runs#NOW}. */
  static String of(FakeTriggerServer server, String scopesJson) {
    return of(server, scopesJson, Runs.NOW.getEpochSecond() + 900, server.secretKey());
  }

  /** A token for {@code server}'s environment, expiring at {@code exp} (epoch seconds), signed with {@code key}. */
  static String of(FakeTriggerServer server, String scopesJson, long exp, String key) {
    return signed("{\"sub\":\"" + server.environmentId() + "\",\"pub\":true,\"scopes\":" + scopesJson
        + ",\"iss\":\"https://id.trigger.dev\",\"aud\":\"https://api.trigger.dev\",\"exp\":" + exp
        + ",\"iat\":" + Runs.NOW.getEpochSecond() + "}", key);
  }

  /** {@code payloadJson} as a compact JWS with header {@code {"alg":"HS256"}}, HMAC-signed with {@code key}. */
  static String signed(String payloadJson, String key) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String input = b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
