package io.github.triggerruns.testkit.internal;

import io.github.triggerruns.testkit.Fault;
import io.github.triggerruns.testkit.FaultCounts;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;

/** Thread-safe tally of injected faults. */
public final class FaultCounter {
  private final AtomicIntegerArray counts = new AtomicIntegerArray(Fault.values().length);

  /** Counts one {@code fault}. */
  public void record(Fault fault) {
    counts.incrementAndGet(fault.ordinal());
  }

  /** A snapshot of the counts so far. */
  public FaultCounts snapshot() {
    Map<Fault, Integer> map = new EnumMap<>(Fault.class);
    for (Fault fault : Fault.values()) {
      map.put(fault, counts.get(fault.ordinal()));
    }
    return FaultCounts.of(map);
  }
}
