package io.github.triggerruns;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One problem the server found in a request, from the {@code details} of a 400 answer: a code such as
 * {@code custom}, {@code too_big} or {@code invalid_date}, a message, and the path of the offending query
 * key (for example {@code ["filter[status]"]}).
 */
public final class ErrorDetail {
  private final String code;
  private final String message;
  private final List<String> path;

  /** A detail as the server sent it. */
  public ErrorDetail(String code, String message, List<String> path) {
    this.code = code;
    this.message = message;
    this.path = Collections.unmodifiableList(path);
  }

  /** The server's code for the problem, e.g. {@code custom}, {@code too_big}, {@code invalid_date}. */
  public String getCode() {
    return code;
  }

  /** The server's message, e.g. {@code Invalid status values: FOO}. */
  public String getMessage() {
    return message;
  }

  /** Where in the request the problem is, e.g. {@code ["filter[status]"]}; may be empty. */
  public List<String> getPath() {
    return path;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ErrorDetail)) {
      return false;
    }
    ErrorDetail other = (ErrorDetail) o;
    return Objects.equals(code, other.code) && Objects.equals(message, other.message) && path.equals(other.path);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, message, path);
  }

  @Override
  public String toString() {
    return (path.isEmpty() ? "" : String.join(".", path) + ": ") + message + " (" + code + ")";
  }
}
