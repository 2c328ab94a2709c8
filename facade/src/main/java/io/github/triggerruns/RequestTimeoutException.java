package io.github.triggerruns;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * 408: the server (or a proxy in front of it) gave up waiting for the request, on every attempt: 408 is
 * retried. Not the client's own timeouts, which are {@link ApiConnectionException}.
 */
public final class RequestTimeoutException extends TriggerApiException {
  private static final long serialVersionUID = 1L;

  /** Built by the client from the server's answer. */
  public RequestTimeoutException(String message, int statusCode, Map<String, List<String>> headers, @Nullable String rawBody) {
    super(message, statusCode, headers, rawBody, null);
  }
}
