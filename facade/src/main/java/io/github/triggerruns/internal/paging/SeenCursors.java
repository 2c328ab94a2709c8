package io.github.triggerruns.internal.paging;

import io.github.triggerruns.PaginationException;
import io.github.triggerruns.RunFilter;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The cursors one walk through the pages has followed. A server that hands out a cursor again would send
 * the walk round in circles, delivering the same runs forever; the walk ends with a clear error instead.
 * Holds one short string per page, not the runs.
 */
public final class SeenCursors {
  private final Set<String> seen = new HashSet<>();
  private final RunFilter filter;

  /** A walk of {@code filter} that starts after {@code start} (null for the first page). */
  public SeenCursors(RunFilter filter, @Nullable String start) {
    this.filter = filter;
    if (start != null) {
      seen.add(start);
    }
  }

  /** Null when {@code cursor} is new (it is remembered); otherwise the error to end the walk with. */
  public @Nullable PaginationException repeatOf(String cursor) {
    if (seen.add(cursor)) {
      return null;
    }
    return new PaginationException("The server returned cursor " + cursor + " twice while listing " + filter
        + "; stopping instead of looping forever. Every run received was delivered once.");
  }
}
