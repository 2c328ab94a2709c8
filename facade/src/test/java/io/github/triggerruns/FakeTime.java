package io.github.triggerruns;

import io.github.triggerruns.internal.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Fake time for tests: a clock that only moves when told to, and a {@link Sleeper} that never sleeps but
 * records each wait and moves the clock on by it. Pass both to a client with {@link TestClients#newClient}.
 * Thread-safe, so asynchronous calls can use it too.
 */
final class FakeTime {
  /** Where every fake clock starts. */
  static final Instant START = Instant.parse("2025-07-20T10:00:00Z");

  private final AtomicLong nowMillis = new AtomicLong(START.toEpochMilli());
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private volatile Consumer<Duration> beforeEachWait = wait -> {};

  private final Clock clock = new FakeClock(ZoneOffset.UTC);

  private final Sleeper sleeper = duration -> {
    beforeEachWait.accept(duration);
    waits.add(duration);
    nowMillis.addAndGet(duration.toMillis());
  };

  /** The clock to give the client. */
  Clock clock() {
    return clock;
  }

  /** The sleeper to give the client: records, advances the clock, returns at once. */
  Sleeper sleeper() {
    return sleeper;
  }

  /** The fake now, in epoch milliseconds. */
  long nowMillis() {
    return nowMillis.get();
  }

  /** The fake now. */
  Instant now() {
    return Instant.ofEpochMilli(nowMillis.get());
  }

  /** Moves the clock on without recording a wait (time passing between calls). */
  void advance(Duration duration) {
    nowMillis.addAndGet(duration.toMillis());
  }

  /** Every wait the client asked for, in order. */
  List<Duration> waits() {
    return new ArrayList<>(waits);
  }

  /** Every wait the client asked for, in milliseconds, in order. */
  List<Long> waitMillis() {
    List<Long> millis = new ArrayList<>();
    for (Duration wait : waits) {
      millis.add(wait.toMillis());
    }
    return millis;
  }

  /** Runs {@code action} at the start of each wait, before the clock moves (e.g. to count requests so far). */
  void beforeEachWait(Consumer<Duration> action) {
    this.beforeEachWait = action;
  }

  private final class FakeClock extends Clock {
    private final ZoneId zone;

    FakeClock(ZoneId zone) {
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new FakeClock(zone);
    }

    @Override
    public long millis() {
      return nowMillis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(nowMillis.get());
    }
  }
}
