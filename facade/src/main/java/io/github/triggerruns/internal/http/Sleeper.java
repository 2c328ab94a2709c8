package io.github.triggerruns.internal.http;

import java.io.InterruptedIOException;
import java.time.Duration;

/** Waits between attempts; a seam so tests check retry timing with a fake clock instead of sleeping. */
public interface Sleeper {
  /** The real thing: {@link Thread#sleep}, turning an interrupt into an I/O error that ends the call. */
  Sleeper SYSTEM = duration -> {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted = new InterruptedIOException("Interrupted while waiting to retry");
      interrupted.initCause(e);
      throw interrupted;
    }
  };

  /** Waits for {@code duration}. */
  void sleep(Duration duration) throws InterruptedIOException;
}
