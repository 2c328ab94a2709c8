package io.github.triggerruns;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An answer whose status no other exception stands for: a 4xx other than 400, 401, 403, 404, 408, 409, 422
 * and 429, or a 1xx/3xx (a redirect that was not followed).
 */
public final class UnexpectedStatusException extends TriggerApiException {
  private static final long serialVersionUID = 1L;

  /** Built by the client from the server's answer. */
  public UnexpectedStatusException(String message, int statusCode, Map<String, List<String>> headers, @Nullable String rawBody) {
    super(message, statusCode, headers, rawBody, null);
  }
}
