package io.github.triggerruns;

import java.util.List;
import java.util.Map;

/**
 * The server answered 2xx but the body is not the JSON this client expects. The message carries a short
 * excerpt of the body; {@link #getRawBody()} the excerpt too (bodies can be large).
 */
public final class ResponseDecodingException extends TriggerApiException {
  private static final long serialVersionUID = 1L;

  /** Built by the client when decoding fails. */
  public ResponseDecodingException(String message, int statusCode, Map<String, List<String>> headers,
      String bodyExcerpt, Throwable cause) {
    super(message, statusCode, headers, bodyExcerpt, cause);
  }
}
