package io.github.triggerruns.testkit;

import java.time.Duration;
import java.time.Instant;

/** Hand-made runs for tests that need exact data. */
final class Runs {
  static final Instant NOW = Instant.parse("2025-07-20T10:00:00Z");

  private Runs() {}

  /** A run created {@code ago} before {@link #NOW}. */
  static FakeRun.Builder run(String id, String status, Duration ago) {
    return FakeRun.builder()
        .id(id)
        .status(status)
        .taskIdentifier("send-email")
        .createdAt(NOW.minus(ago));
  }

  /** A run created {@code minutes} before {@link #NOW}. */
  static FakeRun.Builder run(String id, String status, int minutes) {
    return run(id, status, Duration.ofMinutes(minutes));
  }
}
