package io.github.triggerruns.testkit.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One counter per key and fixed window, with the arithmetic of Upstash's {@code fixedWindow} limiter
 * (the one the live server gives public access tokens): the window is {@code floor(now / window)};
 * every request increments its window's count, refused ones too; a request succeeds while the count
 * after it is at most {@code tokens}; {@code remaining} is {@code max(0, tokens - count)};
 * {@code reset} is the start of the next window. A new window starts from zero.
 *
 * <p>Upstash also remembers a refused key in memory until the reset and refuses it again without
 * counting; the answers are the same (remaining 0, the same reset), so that cache is not modelled.
 */
public final class FixedWindows {
  private final int tokens;
  private final long windowMs;
  private final Clock clock;
  private final Map<String, Window> windows = new HashMap<>();

  /** {@code tokens} requests per {@code window} for each key, timed by {@code clock}. */
  public FixedWindows(int tokens, Duration window, Clock clock) {
    if (tokens < 1 || window.toMillis() < 1) {
      throw new IllegalArgumentException("a fixed window needs tokens >= 1 and a window of at least 1 ms");
    }
    this.tokens = tokens;
    this.windowMs = window.toMillis();
    this.clock = clock;
  }

  /** Counts a request against {@code key}'s current window (or only looks, when {@code consume} is false). */
  public synchronized RateLimitDecision take(String key, boolean consume) {
    long now = clock.millis();
    long bucket = Math.floorDiv(now, windowMs);
    Window window = windows.get(key);
    long count = window != null && window.bucket == bucket ? window.count : 0;
    long reset = (bucket + 1) * windowMs;
    if (!consume) {
      return new RateLimitDecision(count < tokens, tokens, Math.max(0, tokens - count), reset, now);
    }
    count++;
    windows.put(key, new Window(bucket, count));
    return new RateLimitDecision(count <= tokens, tokens, Math.max(0, tokens - count), reset, now);
  }

  private static final class Window {
    final long bucket;
    final long count;

    Window(long bucket, long count) {
      this.bucket = bucket;
      this.count = count;
    }
  }
}
