package io.github.triggerruns;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** 404: the resource, or the API path at the configured base URL, does not exist. */
public final class NotFoundException extends TriggerApiException {
  private static final long serialVersionUID = 1L;

  /** Built by the client from the server's answer. */
  public NotFoundException(String message, int statusCode, Map<String, List<String>> headers, @Nullable String rawBody) {
    super(message, statusCode, headers, rawBody, null);
  }
}
