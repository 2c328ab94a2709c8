package io.github.triggerruns;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The error a run failed with, as the API reports it (see {@link RunDetails#getError()}). Immutable. */
public final class RunError {
  private final @Nullable String name;
  private final String message;
  private final @Nullable String stackTrace;

  RunError(@Nullable String name, String message, @Nullable String stackTrace) {
    this.name = name;
    this.message = message;
    this.stackTrace = stackTrace;
  }

  /** The error's name (e.g. {@code Error}, {@code TypeError}), or null. */
  public @Nullable String getName() {
    return name;
  }

  /** The message; empty when the server sent none. */
  public String getMessage() {
    return message;
  }

  /** The stack trace as text, or null. */
  public @Nullable String getStackTrace() {
    return stackTrace;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RunError)) {
      return false;
    }
    RunError other = (RunError) o;
    return Objects.equals(name, other.name) && message.equals(other.message)
        && Objects.equals(stackTrace, other.stackTrace);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, message, stackTrace);
  }

  @Override
  public String toString() {
    return (name == null ? "" : name + ": ") + message;
  }
}
