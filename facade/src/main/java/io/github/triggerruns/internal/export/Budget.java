package io.github.triggerruns.internal.export;

import io.github.triggerruns.internal.http.RateLimitGate;
import io.github.triggerruns.internal.http.RateLimitState;
import io.reactivex.rxjava3.core.Scheduler;
import java.util.concurrent.TimeUnit;

/**
 * The share of the environment's rate limit a parallel listing may spend: what the latest
 * {@code x-ratelimit-*} headers say is left, less the reserve kept for the application's own calls, less the
 * listing's requests already in flight (not yet counted in an answer). Once the budget is down to the reserve
 * and the reset has passed, one request may go to learn how much it refilled: the headers do not say.
 */
final class Budget {
  /** Allowance when the server reports no rate limit at all. */
  static final int UNLIMITED = Integer.MAX_VALUE;

  private final RateLimitGate gate;
  private final double reserveShare;
  private final Scheduler scheduler;

  Budget(RateLimitGate gate, double reserveShare, Scheduler scheduler) {
    this.gate = gate;
    this.reserveShare = reserveShare;
    this.scheduler = scheduler;
  }

  /** How many more requests may start now, with {@code inFlight} of the listing's own unanswered. */
  int allowance(int inFlight) {
    RateLimitState state = gate.latest();
    if (state == null || state.limit() <= 0) {
      return UNLIMITED;
    }
    long reserve = (long) Math.ceil(state.limit() * reserveShare);
    long left = state.remaining() - inFlight - reserve;
    if (left > 0) {
      return (int) Math.min(left, UNLIMITED);
    }
    return inFlight == 0 && scheduler.now(TimeUnit.MILLISECONDS) >= state.resetMillis() ? 1 : 0;
  }

  /** Milliseconds until the budget refills, by the latest answer (0 when unknown or past). */
  long millisUntilReset() {
    RateLimitState state = gate.latest();
    return state == null ? 0 : Math.max(0, state.resetMillis() - scheduler.now(TimeUnit.MILLISECONDS));
  }

  /** The latest budget reported, or null. */
  RateLimitState latest() {
    return gate.latest();
  }
}
