package io.github.triggerruns;

/**
 * A filter, page request or client setting that the server would reject or silently misread, caught before
 * any request is sent. The message says what to change.
 */
public final class InvalidRequestException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Built by the validating builders. */
  public InvalidRequestException(String message) {
    super(message);
  }
}
