package io.github.triggerruns;

/**
 * Iteration stopped because the server broke the cursor contract, for example by returning a cursor it had
 * already returned, which would otherwise loop forever.
 */
public final class PaginationException extends TriggerApiException {
  private static final long serialVersionUID = 1L;

  /** Built by the iterator. */
  public PaginationException(String message) {
    super(message, null);
  }
}
