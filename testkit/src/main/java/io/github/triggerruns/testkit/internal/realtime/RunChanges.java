package io.github.triggerruns.testkit.internal.realtime;

/**
 * A version number bumped on every change to the runs, that held realtime requests wait on: a change
 * wakes them at once (the live server's per-environment change channel, in one process).
 */
public final class RunChanges {
  private long version;
  private boolean closed;

  /** Records a change and wakes every waiter. */
  public synchronized void changed() {
    version++;
    notifyAll();
  }

  /** The current version. */
  public synchronized long version() {
    return version;
  }

  /** Wakes every waiter for good: the server is stopping. */
  public synchronized void close() {
    closed = true;
    notifyAll();
  }

  /** Whether {@link #close()} was called. */
  public synchronized boolean isClosed() {
    return closed;
  }

  /**
   * Waits until the version moves past {@code seen}, the server stops, or {@code deadlineNanos}
   * ({@link System#nanoTime()}) passes.
   */
  public synchronized void awaitChange(long seen, long deadlineNanos) throws InterruptedException {
    while (version == seen && !closed) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return;
      }
      long ms = left / 1_000_000;
      wait(ms, (int) (left % 1_000_000));
    }
  }
}
