package io.github.triggerruns.cli;

import io.github.triggerruns.ApiConnectionException;
import io.github.triggerruns.AuthenticationException;
import io.github.triggerruns.BadRequestException;
import io.github.triggerruns.ErrorDetail;
import io.github.triggerruns.InvalidRequestException;
import io.github.triggerruns.PermissionDeniedException;
import io.github.triggerruns.RateLimitException;
import io.github.triggerruns.TriggerApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/**
 * The documented exit codes, and the one sentence shown for each failure. Scripts branch on the code;
 * people read the sentence, so it says what to do in this tool's terms (flags, variables), not Java's.
 */
public final class ExitCodes {
  /** Done. */
  public static final int OK = 0;
  /** Anything unexpected, e.g. the export file could not be written. */
  public static final int SOFTWARE = 1;
  /** Bad flags or values, refused before any request (picocli's errors and InvalidRequestException). */
  public static final int USAGE = 2;
  /** The key was not accepted: 401 or 403. */
  public static final int AUTHENTICATION = 3;
  /** The API answered with another error: 400, 404, 429, 5xx, or an unreadable body. */
  public static final int API = 4;
  /** No answer from the API: connection failed, timed out or cut off, after the retries. */
  public static final int NETWORK = 5;

  private ExitCodes() {}

  /** The exit code for a failure of a command. */
  public static int of(Throwable failure) {
    if (failure instanceof InvalidRequestException) {
      return USAGE;
    }
    if (failure instanceof AuthenticationException || failure instanceof PermissionDeniedException) {
      return AUTHENTICATION;
    }
    if (failure instanceof ApiConnectionException) {
      return NETWORK;
    }
    if (failure instanceof TriggerApiException) {
      return API;
    }
    return SOFTWARE;
  }

  /** One line saying what went wrong and what to do; never a stack trace. */
  public static String message(Throwable failure) {
    if (failure instanceof AuthenticationException) {
      return "The API did not accept the key (" + ((TriggerApiException) failure).getStatusCode() + "). Set"
          + " TRIGGER_SECRET_KEY or --key to a secret key (tr_dev_..., tr_prod_...) from the project's API"
          + " keys page, or unset both to use the sandbox.";
    }
    if (failure instanceof PermissionDeniedException) {
      // The facade's message says what the key or token lacks (for a token: the scopes that would grant it).
      return failure.getMessage() + " Check --api-url / TRIGGER_API_URL.";
    }
    if (failure instanceof BadRequestException) {
      BadRequestException bad = (BadRequestException) failure;
      // The server's details name the offending query key; the official SDK drops them, we show them.
      String details = bad.getDetails().stream().map(ExitCodes::detail).collect(Collectors.joining("; "));
      // Without details (a run action's 400), the server's own message says why.
      return details.isEmpty() ? firstLine(bad.getMessage()) : "The API rejected the query (400): " + details;
    }
    if (failure instanceof RateLimitException) {
      RateLimitException limited = (RateLimitException) failure;
      return "The environment's rate limit is spent (429)"
          + (limited.getResetAt() == null ? "" : "; it refills at " + limited.getResetAt()) + ". Try again then.";
    }
    if (failure instanceof UncheckedIOException || failure instanceof IOException) {
      Throwable io = failure instanceof UncheckedIOException ? failure.getCause() : failure;
      return "Could not write the output: " + io.getClass().getSimpleName()
          + (io.getMessage() == null ? "" : ": " + io.getMessage()) + ".";
    }
    if (failure instanceof TriggerApiException || failure instanceof InvalidRequestException) {
      // The client's own messages already say what to change; keep their first line only.
      return firstLine(failure.getMessage());
    }
    return "Unexpected failure: " + failure + " (run with --verbose for the stack trace).";
  }

  private static String detail(ErrorDetail detail) {
    return (detail.getPath().isEmpty() ? "" : String.join(".", detail.getPath()) + ": ") + detail.getMessage();
  }

  private static String firstLine(String message) {
    int newline = message == null ? -1 : message.indexOf('\n');
    return message == null ? "(no message)" : newline < 0 ? message : message.substring(0, newline);
  }
}
