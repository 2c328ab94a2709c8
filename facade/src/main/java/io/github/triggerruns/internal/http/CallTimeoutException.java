package io.github.triggerruns.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * A call cut off by {@link WholeCallTimeout}: its own type so that {@link RetryPolicy} ends the call here,
 * where a timeout of one read would be retried.
 */
final class CallTimeoutException extends InterruptedIOException {
  private static final long serialVersionUID = 1L;

  CallTimeoutException(Duration timeout, IOException cancelled) {
    super("The whole call took longer than its callTimeout of " + timeout.toMillis()
        + " ms (TriggerRuns.Builder.callTimeout), so it was cancelled");
    initCause(cancelled);
  }
}
