package io.github.triggerruns;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which page to fetch: a page size (1 to 100; the server's default is 25) and at most one cursor.
 * Cursors are opaque tokens taken from a {@link Page}; never build or parse them. Sending both cursors makes
 * the server ignore {@code after}, so a request holds exactly one: setting one clears the other.
 */
public final class PageRequest {
  /** The largest page the server serves. */
  public static final int MAX_SIZE = 100;

  private static final PageRequest DEFAULTS = new PageRequest(null, null, null);

  private final @Nullable Integer size;
  private final @Nullable String after;
  private final @Nullable String before;

  private PageRequest(@Nullable Integer size, @Nullable String after, @Nullable String before) {
    this.size = size;
    this.after = after;
    this.before = before;
  }

  /** The first page at the server's default size (25). */
  public static PageRequest defaults() {
    return DEFAULTS;
  }

  /**
   * The first page with {@code size} runs at most.
   *
   * @throws InvalidRequestException unless 1 &lt;= size &lt;= 100
   */
  public static PageRequest ofSize(int size) {
    if (size < 1 || size > MAX_SIZE) {
      throw new InvalidRequestException("Page size " + size + " is out of range: use 1 to " + MAX_SIZE
          + " (the server's default is 25).");
    }
    return new PageRequest(size, null, null);
  }

  /** This request for the page after {@code cursor} (older runs), clearing any {@code before}. */
  public PageRequest after(String cursor) {
    return new PageRequest(size, checkCursor(cursor, "after"), null);
  }

  /** This request for the page before {@code cursor} (newer runs), clearing any {@code after}. */
  public PageRequest before(String cursor) {
    return new PageRequest(size, null, checkCursor(cursor, "before"));
  }

  /** This request without a cursor: the first page. */
  public PageRequest first() {
    return size == null ? DEFAULTS : new PageRequest(size, null, null);
  }

  /** The page size, or null for the server's default. */
  public @Nullable Integer getSize() {
    return size;
  }

  /** The cursor to start after, or null. */
  public @Nullable String getAfter() {
    return after;
  }

  /** The cursor to end before, or null. */
  public @Nullable String getBefore() {
    return before;
  }

  private static String checkCursor(String cursor, String name) {
    Objects.requireNonNull(cursor, name);
    if (cursor.trim().isEmpty()) {
      throw new InvalidRequestException("The " + name + " cursor cannot be blank: pass a cursor from"
          + " Page.getNextCursor() or Page.getPreviousCursor().");
    }
    return cursor;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PageRequest)) {
      return false;
    }
    PageRequest that = (PageRequest) o;
    return Objects.equals(size, that.size) && Objects.equals(after, that.after)
        && Objects.equals(before, that.before);
  }

  @Override
  public int hashCode() {
    return Objects.hash(size, after, before);
  }

  @Override
  public String toString() {
    return "PageRequest{size=" + (size == null ? "default" : size)
        + (after == null ? "" : ", after=" + after) + (before == null ? "" : ", before=" + before) + '}';
  }
}
