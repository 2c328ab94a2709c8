package io.github.triggerruns;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** 401: the secret key is missing, malformed or revoked. Set {@code TRIGGER_SECRET_KEY} or call {@code TriggerRuns.builder().secretKey(...)} with a key from the project's API keys page. */
public final class AuthenticationException extends TriggerApiException {
  private static final long serialVersionUID = 1L;

  /** Built by the client from the server's answer. */
  public AuthenticationException(String message, int statusCode, Map<String, List<String>> headers, @Nullable String rawBody) {
    super(message, statusCode, headers, rawBody, null);
  }
}
