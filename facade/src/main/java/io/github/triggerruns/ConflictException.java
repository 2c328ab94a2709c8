package io.github.triggerruns;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** 409: the request conflicts with the current state on the server, on every attempt: 409 is retried. */
public final class ConflictException extends TriggerApiException {
  private static final long serialVersionUID = 1L;

  /** Built by the client from the server's answer. */
  public ConflictException(String message, int statusCode, Map<String, List<String>> headers, @Nullable String rawBody) {
    super(message, statusCode, headers, rawBody, null);
  }
}
