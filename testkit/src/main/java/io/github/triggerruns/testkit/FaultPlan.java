package io.github.triggerruns.testkit;

import io.github.triggerruns.testkit.internal.Seeds;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Which {@link Fault} the fake server injects into which request, plus optional latency on every
 * request. Immutable; the {@code with...} methods return changed copies.
 *
 * <p>Request numbers are 1-based and count the {@code /api/v1/runs} requests the server received
 * since this plan was installed (at {@link FakeTriggerServer#start()} for the builder's plan, at
 * {@link FakeTriggerServer#faults(FaultPlan)} for a replacement), so {@code scripted(Map.of(1, ...))}
 * always means "the next request". Every decision is a pure function of the plan and the request
 * number, so a random plan with the same seed injects the same faults into the same requests.
 */
public final class FaultPlan {
  private static final long LATENCY_STREAM = 1;
  private static final long FAULT_STREAM = 2;

  private enum Kind {
    NONE,
    SCRIPTED,
    RANDOM
  }

  private final Kind kind;
  private final Map<Integer, Fault> script;
  private final long seed;
  private final double probability;
  private final List<Fault> kinds;
  private final Duration latencyMin;
  private final Duration latencyMax;
  private final Duration latencyFaultDelay;
  private final Duration slowResponseDelay;

  private FaultPlan(
      Kind kind,
      Map<Integer, Fault> script,
      long seed,
      double probability,
      List<Fault> kinds,
      Duration latencyMin,
      Duration latencyMax,
      Duration latencyFaultDelay,
      Duration slowResponseDelay) {
    this.kind = kind;
    this.script = script;
    this.seed = seed;
    this.probability = probability;
    this.kinds = kinds;
    this.latencyMin = latencyMin;
    this.latencyMax = latencyMax;
    this.latencyFaultDelay = latencyFaultDelay;
    this.slowResponseDelay = slowResponseDelay;
  }

  /** No faults and no added latency: the default. */
  public static FaultPlan none() {
    return new FaultPlan(
        Kind.NONE,
        Collections.emptyMap(),
        0,
        0,
        Collections.emptyList(),
        Duration.ZERO,
        Duration.ZERO,
        Fault.DEFAULT_LATENCY,
        Fault.DEFAULT_SLOW_RESPONSE_DELAY);
  }

  /**
   * Exactly these faults on exactly these requests, e.g. {@code Map.of(3, Fault.CONNECTION_RESET)}
   * resets the third request.
   *
   * @param faultsByRequestNumber 1-based request number to fault
   */
  public static FaultPlan scripted(Map<Integer, Fault> faultsByRequestNumber) {
    TreeMap<Integer, Fault> copy = new TreeMap<>();
    faultsByRequestNumber.forEach(
        (number, fault) -> {
          if (number == null || number < 1) {
            throw new IllegalArgumentException("request numbers start at 1: " + number);
          }
          copy.put(number, Objects.requireNonNull(fault, "fault for request " + number));
        });
    return none().with(Kind.SCRIPTED, Collections.unmodifiableMap(copy), 0, 0, List.of());
  }

  /**
   * Each request independently gets a fault with {@code probability}, of a kind drawn uniformly
   * from {@code kinds} (all kinds when none are given).
   */
  public static FaultPlan random(long seed, double probability, Fault... kinds) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be within 0..1: " + probability);
    }
    List<Fault> pool =
        kinds.length == 0
            ? List.copyOf(EnumSet.allOf(Fault.class))
            : List.copyOf(EnumSet.copyOf(Arrays.asList(kinds)));
    return none().with(Kind.RANDOM, Collections.emptyMap(), seed, probability, pool);
  }

  /**
   * The same plan plus a delay on every request, drawn uniformly from {@code min..max}
   * (reproducibly, by request number).
   */
  public FaultPlan withLatency(Duration min, Duration max) {
    requireNonNegative(min, "min");
    requireNonNegative(max, "max");
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException("max latency " + max + " is below min " + min);
    }
    return new FaultPlan(
        kind, script, seed, probability, kinds, min, max, latencyFaultDelay, slowResponseDelay);
  }

  /** The same plan with another delay for {@link Fault#LATENCY} faults. */
  public FaultPlan withLatencyFaultDelay(Duration delay) {
    requireNonNegative(delay, "delay");
    return new FaultPlan(
        kind, script, seed, probability, kinds, latencyMin, latencyMax, delay, slowResponseDelay);
  }

  /**
   * The same plan with another stall for {@link Fault#SLOW_RESPONSE} faults; pick it above the
   * client's read timeout (tests typically use about a second).
   */
  public FaultPlan withSlowResponseDelay(Duration delay) {
    requireNonNegative(delay, "delay");
    return new FaultPlan(
        kind, script, seed, probability, kinds, latencyMin, latencyMax, latencyFaultDelay, delay);
  }

  /** The fault request number {@code requestNumber} (1-based) gets under this plan, if any. */
  public Optional<Fault> faultFor(int requestNumber) {
    switch (kind) {
      case SCRIPTED:
        return Optional.ofNullable(script.get(requestNumber));
      case RANDOM:
        SplittableRandom random = Seeds.random(seed, FAULT_STREAM, requestNumber);
        if (random.nextDouble() < probability) {
          return Optional.of(kinds.get(random.nextInt(kinds.size())));
        }
        return Optional.empty();
      default:
        return Optional.empty();
    }
  }

  /** The latency added to request number {@code requestNumber}, before any fault. */
  public Duration latencyFor(int requestNumber) {
    long spread = latencyMax.toMillis() - latencyMin.toMillis();
    if (spread <= 0) {
      return latencyMin;
    }
    long extra = Seeds.random(seed, LATENCY_STREAM, requestNumber).nextLong(spread + 1);
    return latencyMin.plusMillis(extra);
  }

  /** Lower bound of the latency added to every request ({@link Duration#ZERO} by default). */
  public Duration latencyMin() {
    return latencyMin;
  }

  /** Upper bound of the latency added to every request ({@link Duration#ZERO} by default). */
  public Duration latencyMax() {
    return latencyMax;
  }

  /** The delay of a {@link Fault#LATENCY} fault. */
  public Duration latencyFaultDelay() {
    return latencyFaultDelay;
  }

  /** The mid-body stall of a {@link Fault#SLOW_RESPONSE} fault. */
  public Duration slowResponseDelay() {
    return slowResponseDelay;
  }

  private FaultPlan with(
      Kind newKind, Map<Integer, Fault> newScript, long newSeed, double newProbability,
      List<Fault> newKinds) {
    return new FaultPlan(
        newKind,
        newScript,
        newSeed,
        newProbability,
        newKinds,
        latencyMin,
        latencyMax,
        latencyFaultDelay,
        slowResponseDelay);
  }

  private static void requireNonNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + duration);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof FaultPlan)) {
      return false;
    }
    FaultPlan that = (FaultPlan) o;
    return kind == that.kind
        && seed == that.seed
        && Double.compare(probability, that.probability) == 0
        && script.equals(that.script)
        && kinds.equals(that.kinds)
        && latencyMin.equals(that.latencyMin)
        && latencyMax.equals(that.latencyMax)
        && latencyFaultDelay.equals(that.latencyFaultDelay)
        && slowResponseDelay.equals(that.slowResponseDelay);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        kind, script, seed, probability, kinds, latencyMin, latencyMax, latencyFaultDelay,
        slowResponseDelay);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("FaultPlan{");
    switch (kind) {
      case SCRIPTED:
        s.append("scripted ").append(script);
        break;
      case RANDOM:
        s.append("random seed=").append(seed).append(" p=").append(probability).append(' ')
            .append(kinds);
        break;
      default:
        s.append("none");
    }
    if (!latencyMax.isZero()) {
      s.append(", latency ").append(latencyMin.toMillis()).append('-')
          .append(latencyMax.toMillis()).append("ms");
    }
    return s.append('}').toString();
  }
}
