package io.github.triggerruns.testkit.internal;

import io.github.triggerruns.testkit.FakeRun;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Cuts one page out of the store, with the live server's cursors:
 *
 * <ul>
 *   <li>forward (no cursor or {@code page[after]}): the next rows in list order; {@code next} is
 *       the last row's position when more rows follow; {@code previous} is the first row's
 *       position when the request had a cursor and the page is not empty;
 *   <li>backward ({@code page[before]}): the rows just newer than the cursor, returned in
 *       <em>ascending</em> order as the live server does; {@code previous} is the newest row's
 *       position (any non-empty page), {@code next} the oldest row's position when older rows
 *       exist.
 * </ul>
 *
 * <p>Short pages (forward only): with the configured probability, the server "considers" only the
 * first {@code k} rows of the page ({@code 0 <= k < rows}) and returns them with a {@code next} right
 * after the last one, as the live server does when it re-filters its analytics rows. Nothing is
 * skipped or repeated across pages. Whether and how a page is cut depends only on the seed and the
 * request's cursor and size, so a retried request gets the same page; an empty page's {@code next}
 * carries a counter so the follow-up request differs, and after two empty pages in a row the next
 * page has at least one row.
 */
public final class Pager {
  private static final long SHORT_PAGE_STREAM = 3;

  private final RunStore store;
  private final double shortPageProbability;
  private final long seed;

  /** A pager over {@code store}; {@code shortPageProbability} 0 disables short pages. */
  public Pager(RunStore store, double shortPageProbability, long seed) {
    this.store = store;
    this.shortPageProbability = shortPageProbability;
    this.seed = seed;
  }

  /** One page of runs in response order, with its cursors (null when absent). */
  public static final class Page {
    private final List<FakeRun> runs;
    private final Cursor next;
    private final Cursor previous;

    Page(List<FakeRun> runs, Cursor next, Cursor previous) {
      this.runs = List.copyOf(runs);
      this.next = next;
      this.previous = previous;
    }

    /** The runs in the order the response lists them. */
    public List<FakeRun> runs() {
      return runs;
    }

    /** The {@code next} cursor, or null. */
    public Cursor next() {
      return next;
    }

    /** The {@code previous} cursor, or null. */
    public Cursor previous() {
      return previous;
    }
  }

  /** The page {@code request} asks for. */
  public Page page(ListRunsRequest request) {
    return request.backward() ? backward(request) : forward(request);
  }

  private Page forward(ListRunsRequest request) {
    Cursor cursor = request.cursor();
    int size = request.pageSize();
    List<FakeRun> window = store.after(cursor, request.filter(), size + 1);
    boolean more = window.size() > size;
    List<FakeRun> rows = window.subList(0, Math.min(size, window.size()));

    int kept = shortPageLength(cursor, size, rows.size());
    Cursor next;
    if (kept < rows.size()) {
      // Rows kept..end were not considered: `next` continues right before them.
      next = kept == 0 ? cursor.skipped() : Cursor.of(rows.get(kept - 1));
      rows = rows.subList(0, kept);
    } else {
      next = more ? Cursor.of(rows.get(rows.size() - 1)) : null;
    }
    Cursor previous = cursor != null && !rows.isEmpty() ? Cursor.of(rows.get(0)) : null;
    return new Page(rows, next, previous);
  }

  private Page backward(ListRunsRequest request) {
    List<FakeRun> rows = store.before(request.cursor(), request.filter(), request.pageSize());
    if (rows.isEmpty()) {
      return new Page(rows, null, null);
    }
    Cursor oldest = Cursor.of(rows.get(0));
    boolean olderExist = !store.after(oldest, request.filter(), 1).isEmpty();
    return new Page(rows, olderExist ? oldest : null, Cursor.of(rows.get(rows.size() - 1)));
  }

  // How many of `rows` rows a forward page keeps: all of them unless this page is a short one.
  private int shortPageLength(Cursor cursor, int size, int rows) {
    if (shortPageProbability <= 0 || rows == 0) {
      return rows;
    }
    SplittableRandom random =
        cursor == null
            ? Seeds.random(seed, SHORT_PAGE_STREAM, size)
            : Seeds.random(
                seed, SHORT_PAGE_STREAM, size, cursor.createdAtMs(), cursor.runId().hashCode(),
                cursor.skips());
    if (random.nextDouble() >= shortPageProbability) {
      return rows;
    }
    // An empty page needs a cursor to point back at, and may not repeat more than twice.
    int min = cursor == null || cursor.skips() >= 2 ? 1 : 0;
    int max = rows - 1;
    return max < min ? rows : min + random.nextInt(max - min + 1);
  }
}
