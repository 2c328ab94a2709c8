package io.github.triggerruns.internal.json;

import java.io.IOException;

/**
 * The answer's body stopped arriving while it was being decoded: the connection broke or the server sent
 * less than it announced. Unlike a malformed body, fetching the page again can succeed.
 */
public final class BodyCutOffException extends IOException {
  private static final long serialVersionUID = 1L;

  BodyCutOffException(IOException cause) {
    super("The answer's body was cut off: " + cause.getMessage(), cause);
  }
}
