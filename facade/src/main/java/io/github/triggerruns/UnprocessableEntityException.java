package io.github.triggerruns;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** 422: the server understood the request but cannot act on it; {@link #getRawBody()} says why. */
public final class UnprocessableEntityException extends TriggerApiException {
  private static final long serialVersionUID = 1L;

  /** Built by the client from the server's answer. */
  public UnprocessableEntityException(String message, int statusCode, Map<String, List<String>> headers, @Nullable String rawBody) {
    super(message, statusCode, headers, rawBody, null);
  }
}
