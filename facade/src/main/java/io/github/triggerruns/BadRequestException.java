package io.github.triggerruns;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * 400: the server rejected the query (or a POST's body). Unlike the official SDK, the server's {@code details} are kept:
 * each says which query key is wrong and why. Never retried.
 */
public final class BadRequestException extends TriggerApiException {
  private static final long serialVersionUID = 1L;

  private final transient List<ErrorDetail> details;

  /** Built by the client from the server's answer. */
  public BadRequestException(String message, Map<String, List<String>> headers, @Nullable String rawBody,
      List<ErrorDetail> details) {
    super(message, 400, headers, rawBody, null);
    this.details = Collections.unmodifiableList(details);
  }

  /** The server's list of problems; empty when it sent none. */
  public List<ErrorDetail> getDetails() {
    return details == null ? Collections.<ErrorDetail>emptyList() : details;
  }
}
