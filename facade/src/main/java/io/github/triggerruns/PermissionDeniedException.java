package io.github.triggerruns;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** 403: the key is valid but may not do this (for example a key of another environment or a public key). */
public final class PermissionDeniedException extends TriggerApiException {
  private static final long serialVersionUID = 1L;

  /** Built by the client from the server's answer. */
  public PermissionDeniedException(String message, int statusCode, Map<String, List<String>> headers, @Nullable String rawBody) {
    super(message, statusCode, headers, rawBody, null);
  }
}
