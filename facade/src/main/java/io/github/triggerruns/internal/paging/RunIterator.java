package io.github.triggerruns.internal.paging;

import io.github.triggerruns.Page;
import io.github.triggerruns.PageRequest;
import io.github.triggerruns.PaginationException;
import io.github.triggerruns.Run;
import io.github.triggerruns.RunFilter;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Every run matching a filter, page by page, fetched lazily: one page is held at a time, short and empty
 * pages are passed over while the server says more follow, and a cursor the server already gave ends the
 * iteration with {@link PaginationException} rather than looping forever.
 */
public final class RunIterator implements Iterator<Run> {
  private final PageFetcher fetcher;
  private final RunFilter filter;
  private final SeenCursors seenCursors;
  private PageRequest nextRequest;
  private List<Run> current;
  private int index;
  private boolean exhausted;
  private PaginationException loop;

  /** Starts at {@code first}; nothing is fetched until the first {@link #hasNext()}. */
  public RunIterator(PageFetcher fetcher, RunFilter filter, PageRequest first) {
    this.fetcher = fetcher;
    this.filter = filter;
    this.nextRequest = first;
    this.seenCursors = new SeenCursors(filter, first.getAfter());
  }

  @Override
  public boolean hasNext() {
    while (current == null || index >= current.size()) {
      if (exhausted) {
        return false;
      }
      if (loop != null) {
        throw loop;
      }
      Page<Run> page = fetcher.fetch(filter, nextRequest);
      current = page.getData();
      index = 0;
      String cursor = page.getNextCursor();
      if (cursor == null) {
        exhausted = true;
      } else {
        // A repeated cursor is reported once this page's runs, which are new, have been delivered.
        loop = seenCursors.repeatOf(cursor);
        nextRequest = nextRequest.after(cursor);
      }
    }
    return true;
  }

  @Override
  public Run next() {
    if (!hasNext()) {
      throw new NoSuchElementException("No more runs");
    }
    return current.get(index++);
  }
}
