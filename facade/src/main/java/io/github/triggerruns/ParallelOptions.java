package io.github.triggerruns;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Runs#flowParallel(RunFilter, ParallelOptions)} lists runs: how many cursors run at once, the
 * page size, how much of the environment's rate limit to leave to the application, how many fetched pages
 * may wait for the subscriber, and where to resume. Immutable; build with {@link #builder()}, derive with
 * {@link #toBuilder()}.
 */
public final class ParallelOptions {
  /** The most cursors one listing runs at once. */
  public static final int MAX_PARALLELISM = 32;

  private static final ParallelOptions DEFAULTS = builder().build();

  private final int parallelism;
  private final int pageSize;
  private final double budgetReserve;
  private final int bufferedPages;
  private final @Nullable String resumeFrom;

  private ParallelOptions(Builder b) {
    this.parallelism = b.parallelism;
    this.pageSize = b.pageSize;
    this.budgetReserve = b.budgetReserve;
    this.bufferedPages = b.bufferedPages;
    this.resumeFrom = b.resumeFrom;
  }

  /** 8 cursors, pages of 100, 20% of the rate limit left to others, 16 pages buffered, a fresh start. */
  public static ParallelOptions defaults() {
    return DEFAULTS;
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to derive a variant. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.parallelism = parallelism;
    b.pageSize = pageSize;
    b.budgetReserve = budgetReserve;
    b.bufferedPages = bufferedPages;
    b.resumeFrom = resumeFrom;
    return b;
  }

  /** The most requests in flight at once (default 8). */
  public int getParallelism() {
    return parallelism;
  }

  /** Runs per request (default 100, the most the server serves). */
  public int getPageSize() {
    return pageSize;
  }

  /** The share of {@code x-ratelimit-limit} the listing never spends (default 0.2). */
  public double getBudgetReserve() {
    return budgetReserve;
  }

  /** The most fetched pages held for a subscriber that has not asked for them yet (default 16). */
  public int getBufferedPages() {
    return bufferedPages;
  }

  /** The checkpoint to continue from ({@link ParallelPage#getCheckpoint()}), or null to start afresh. */
  public @Nullable String getResumeFrom() {
    return resumeFrom;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ParallelOptions)) {
      return false;
    }
    ParallelOptions that = (ParallelOptions) o;
    return parallelism == that.parallelism && pageSize == that.pageSize
        && Double.compare(budgetReserve, that.budgetReserve) == 0 && bufferedPages == that.bufferedPages
        && Objects.equals(resumeFrom, that.resumeFrom);
  }

  @Override
  public int hashCode() {
    return Objects.hash(parallelism, pageSize, budgetReserve, bufferedPages, resumeFrom);
  }

  @Override
  public String toString() {
    return "ParallelOptions{parallelism=" + parallelism + ", pageSize=" + pageSize + ", budgetReserve="
        + budgetReserve + ", bufferedPages=" + bufferedPages + (resumeFrom == null ? "" : ", resuming") + '}';
  }

  /** Builds {@link ParallelOptions}; every setter checks its value at once. */
  public static final class Builder {
    private int parallelism = 8;
    private int pageSize = PageRequest.MAX_SIZE;
    private double budgetReserve = 0.2;
    private int bufferedPages = 16;
    private @Nullable String resumeFrom;

    private Builder() {}

    /**
     * The most requests in flight at once, 1 to {@value ParallelOptions#MAX_PARALLELISM}. Fewer are sent
     * while the rate limit's budget is down to the reserve.
     */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
        throw new InvalidRequestException("parallelism " + parallelism + " is out of range: use 1 to "
            + MAX_PARALLELISM + " (the rate limit, not the number of cursors, bounds the speed beyond that).");
      }
      this.parallelism = parallelism;
      return this;
    }

    /** Runs per request, 1 to 100. */
    public Builder pageSize(int pageSize) {
      PageRequest.ofSize(pageSize); // the one place page sizes are checked
      this.pageSize = pageSize;
      return this;
    }

    /**
     * The share of the environment's rate limit ({@code x-ratelimit-limit}) to leave untouched for the
     * application's own calls, 0 (spend it all) to below 1. Default 0.2.
     */
    public Builder budgetReserve(double share) {
      if (!(share >= 0 && share < 1)) {
        throw new InvalidRequestException("budgetReserve " + share + " is out of range: use a share from 0"
            + " (spend the whole budget) to below 1, e.g. 0.2 to leave 20% to the application.");
      }
      this.budgetReserve = share;
      return this;
    }

    /**
     * The most fetched pages waiting for the subscriber; fetching pauses while that many wait, so memory
     * stays bounded (at most this many plus one page a request in flight).
     */
    public Builder bufferedPages(int pages) {
      if (pages < 1) {
        throw new InvalidRequestException("bufferedPages must be 1 or more, not " + pages);
      }
      this.bufferedPages = pages;
      return this;
    }

    /**
     * Continue a listing from a {@link ParallelPage#getCheckpoint() checkpoint}: every run delivered before
     * that checkpoint is skipped, every other one delivered once. Use the same filter as the listing that
     * gave it; its time window is taken from the checkpoint. Null starts afresh.
     */
    public Builder resumeFrom(@Nullable String checkpoint) {
      if (checkpoint != null && checkpoint.trim().isEmpty()) {
        throw new InvalidRequestException("resumeFrom cannot be blank: pass ParallelPage.getCheckpoint(), or"
            + " null to start afresh.");
      }
      this.resumeFrom = checkpoint;
      return this;
    }

    /** The options. */
    public ParallelOptions build() {
      return new ParallelOptions(this);
    }
  }
}
