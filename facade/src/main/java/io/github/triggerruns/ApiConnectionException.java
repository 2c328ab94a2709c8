package io.github.triggerruns;

/**
 * No usable answer arrived: the connection failed or timed out, or the body was cut off, after every retry
 * was spent; or the call ran out of its callTimeout, which is not retried and which the message names.
 * The cause is the last I/O error.
 */
public final class ApiConnectionException extends TriggerApiException {
  private static final long serialVersionUID = 1L;

  /** Built by the client from the last I/O error. */
  public ApiConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
