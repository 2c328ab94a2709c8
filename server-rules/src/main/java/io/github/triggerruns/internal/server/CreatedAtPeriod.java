package io.github.triggerruns.internal.server;

/**
 * What the live server does with a non-empty {@code filter[createdAt][period]}, read from the webapp
 * ({@code NextRunListPresenter}, {@code timeFilters}, the runs repository): the period replaces
 * {@code from} and {@code to} whatever it holds; {@link ParseDuration parse-duration} reads it; unless the
 * result is a non-zero number ({@code null}, 0 and NaN are falsy in {@code if (period)}) no time filter
 * applies at all, so every run is listed; otherwise runs created at or after
 * {@code new Date(Date.now() - period).getTime()} are.
 */
public final class CreatedAtPeriod {
  // A JavaScript Date holds times up to 8.64e15 ms either side of the epoch; beyond, it is Invalid Date.
  private static final double MAX_DATE_MS = 8.64e15;

  private final Double millis;

  private CreatedAtPeriod(Double millis) {
    this.millis = millis;
  }

  /** The period as the server reads {@code text}. */
  public static CreatedAtPeriod of(String text) {
    return new CreatedAtPeriod(ParseDuration.parse(text));
  }

  /** Whether the server filters on this period; if not, it applies no time filter at all. */
  public boolean filters() {
    return millis != null && millis != 0 && !millis.isNaN();
  }

  /**
   * {@code new Date(nowMs - period).getTime()}: the earliest creation time listed (truncated toward zero
   * like a JavaScript date), or NaN when that is an Invalid Date. Only meaningful when {@link #filters()}.
   */
  public double since(long nowMs) {
    double since = nowMs - millis;
    if (Double.isNaN(since) || Math.abs(since) > MAX_DATE_MS) {
      return Double.NaN;
    }
    return since < 0 ? Math.ceil(since) + 0.0 : Math.floor(since);
  }

  /**
   * Whether a client should send this period: the server filters on it, the window reaches back from now
   * (a negative one starts in the future and matches nothing), and its start is a date the server can
   * compute whatever the time (a window over 8.64e15 ms, 273,790 years, may not be).
   */
  public boolean isUsable() {
    return filters() && millis > 0 && millis <= MAX_DATE_MS;
  }

  /** Whether parse-duration reads the period as a window into the future (a negative one). */
  public boolean isNegative() {
    return filters() && millis < 0;
  }
}
