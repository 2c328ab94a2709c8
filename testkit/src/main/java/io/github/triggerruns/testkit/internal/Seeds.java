package io.github.triggerruns.testkit.internal;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from a seed and a few integers.
 *
 * <p>Every random decision of the fake server (faults, latency, short pages, generated data) comes
 * from a stream keyed by what the decision is about, never from a shared mutable generator, so the
 * outcome does not depend on thread scheduling or on how many other requests ran before.
 */
public final class Seeds {
  private Seeds() {}

  /** A generator whose sequence depends only on {@code seed} and {@code parts}. */
  public static SplittableRandom random(long seed, long... parts) {
    long h = mix(seed);
    for (long part : parts) {
      h = mix(h ^ mix(part + 0x9E3779B97F4A7C15L));
    }
    return new SplittableRandom(h);
  }

  /** The SplitMix64 finaliser: spreads nearby inputs (1, 2, 3...) over the whole long range. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
