package io.github.triggerruns.testkit.internal.realtime;

import io.github.triggerruns.testkit.internal.Answer;
import java.util.Locale;

/** Accepts the environment's secret key as a bearer token, with full access; anything else gets the live 401. */
public final class KeyAuthenticator implements Authenticator {
  private final String secretKey;

  /** Accepts {@code secretKey}. */
  public KeyAuthenticator(String secretKey) {
    this.secretKey = secretKey;
  }

  @Override
  public Outcome authenticate(String authorization) {
    String token = bearer(authorization);
    if (token != null && token.equals(secretKey)) {
      return Outcome.granted(Access.full());
    }
    return Outcome.refused(Answer.of(401, Answer.JSON, "{\"error\":\"Invalid or Missing API key\"}"));
  }

  /** The token of a {@code Bearer} header, or null. */
  static String bearer(String authorization) {
    if (authorization == null) {
      return null;
    }
    String value = authorization.strip();
    return value.length() > 7 && value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")
        ? value.substring(7).strip() : null;
  }
}
