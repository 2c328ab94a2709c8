package io.github.triggerruns.testkit;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How many faults of each kind a {@link FakeTriggerServer} injected, as an immutable snapshot.
 * {@link #toString()} lists the non-zero counts, e.g. {@code FaultCounts{total=3, HTTP_503=2,
 * CONNECTION_RESET=1}}, which reads well in assertion messages.
 */
public final class FaultCounts {
  private final Map<Fault, Integer> counts;

  private FaultCounts(Map<Fault, Integer> counts) {
    this.counts = counts;
  }

  /** A snapshot of the given counts; absent kinds count zero. */
  public static FaultCounts of(Map<Fault, Integer> counts) {
    EnumMap<Fault, Integer> copy = new EnumMap<>(Fault.class);
    counts.forEach(
        (fault, count) -> {
          if (count != null && count > 0) {
            copy.put(Objects.requireNonNull(fault), count);
          }
        });
    return new FaultCounts(Collections.unmodifiableMap(copy));
  }

  /** How many {@code fault}s were injected. */
  public int count(Fault fault) {
    return counts.getOrDefault(fault, 0);
  }

  /** How many faults of any kind were injected. */
  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The non-zero counts, in {@link Fault} declaration order. */
  public Map<Fault, Integer> asMap() {
    return counts;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FaultCounts && counts.equals(((FaultCounts) o).counts);
  }

  @Override
  public int hashCode() {
    return counts.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("FaultCounts{total=").append(total());
    counts.forEach((fault, count) -> s.append(", ").append(fault).append('=').append(count));
    return s.append('}').toString();
  }
}
