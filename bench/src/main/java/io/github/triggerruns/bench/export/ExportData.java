package io.github.triggerruns.bench.export;

import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.FakeTriggerServer;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The runs the export benchmark lists: {@code count} runs over the year before {@code now}, spread evenly or
 * skewed (90% in the last day, as a burst of activity leaves them). Seeded, so every server built with the
 * same arguments holds the same runs. Only the fields a list needs, to keep a million of them in memory.
 */
final class ExportData {
  static final Duration YEAR = Duration.ofDays(365);
  static final Duration DAY = Duration.ofDays(1);

  private ExportData() {}

  static void seed(FakeTriggerServer server, int count, boolean skewed, Instant now) {
    SplittableRandom random = new SplittableRandom(42);
    Instant yearAgo = now.minus(YEAR);
    for (int i = 0; i < count; i++) {
      Instant createdAt = skewed && random.nextInt(10) < 9
          ? now.minus(DAY).plusMillis(random.nextLong(DAY.toMillis()))
          : yearAgo.plusMillis(random.nextLong(YEAR.toMillis()));
      server.addRun(FakeRun.builder().id(String.format("run_%020d", i)).status("COMPLETED")
          .taskIdentifier("nightly-export").createdAt(createdAt).build());
    }
  }

  /** An order-independent 64-bit checksum of run ids: equal sums and counts mean equal sets, in practice. */
  static long mix(String id) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      h = (h ^ id.charAt(i)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }
}
