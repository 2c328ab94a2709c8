package io.github.triggerruns;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * 429: the environment's request budget is spent and waiting for it was not possible within the configured
 * maximum retry delay (or retries are off). Says when the budget refills.
 */
public final class RateLimitException extends TriggerApiException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Instant resetAt;
  private final @Nullable Integer limit;
  private final @Nullable Integer remaining;

  /** Built by the client from the server's answer. */
  public RateLimitException(String message, Map<String, List<String>> headers, @Nullable String rawBody,
      @Nullable Instant resetAt, @Nullable Integer limit, @Nullable Integer remaining) {
    super(message, 429, headers, rawBody, null);
    this.resetAt = resetAt;
    this.limit = limit;
    this.remaining = remaining;
  }

  /** When the budget refills ({@code x-ratelimit-reset}), or null when the server did not say. */
  public @Nullable Instant getResetAt() {
    return resetAt;
  }

  /** The budget size ({@code x-ratelimit-limit}), or null. */
  public @Nullable Integer getLimit() {
    return limit;
  }

  /** What is left of the budget ({@code x-ratelimit-remaining}), or null. */
  public @Nullable Integer getRemaining() {
    return remaining;
  }
}
