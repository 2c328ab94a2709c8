package io.github.triggerruns;

import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of results, newest first, and the way to the pages around it. Every page is presented newest
 * first, including pages reached backwards (the server sends those oldest first). A page may be shorter than
 * requested, even empty, while more pages follow: rely on {@link #hasNextPage()}, not on its size.
 *
 * @param <T> the item type
 */
public final class Page<T> {
  private final List<T> data;
  private final @Nullable String nextCursor;
  private final @Nullable String previousCursor;
  private final PageRequest request;
  private final Function<PageRequest, Page<T>> fetcher;

  /** Built by the client (see PublicPageFactory); {@code fetcher} loads a neighbouring page. */
  Page(List<T> data, @Nullable String nextCursor, @Nullable String previousCursor, PageRequest request,
      Function<PageRequest, Page<T>> fetcher) {
    this.data = Collections.unmodifiableList(data);
    this.nextCursor = nextCursor;
    this.previousCursor = previousCursor;
    this.request = request;
    this.fetcher = fetcher;
  }

  /** The items of this page, newest first; may be empty even when more pages follow. */
  public List<T> getData() {
    return data;
  }

  /** Whether older runs follow. */
  public boolean hasNextPage() {
    return nextCursor != null;
  }

  /** Whether newer runs precede this page. */
  public boolean hasPreviousPage() {
    return previousCursor != null;
  }

  /** The cursor of the following (older) page, or null. Opaque: pass it to {@link PageRequest#after}. */
  public @Nullable String getNextCursor() {
    return nextCursor;
  }

  /** The cursor of the preceding (newer) page, or null. Opaque: pass it to {@link PageRequest#before}. */
  public @Nullable String getPreviousCursor() {
    return previousCursor;
  }

  /** The request this page answers. */
  public PageRequest getRequest() {
    return request;
  }

  /**
   * Fetches the following (older) page, with the same filter and size: exactly one request.
   *
   * @throws NoSuchElementException when {@link #hasNextPage()} is false
   */
  public Page<T> nextPage() {
    if (nextCursor == null) {
      throw new NoSuchElementException("This is the last page: check hasNextPage() first.");
    }
    return fetcher.apply(request.after(nextCursor));
  }

  /**
   * Fetches the preceding (newer) page, with the same filter and size: exactly one request.
   *
   * @throws NoSuchElementException when {@link #hasPreviousPage()} is false
   */
  public Page<T> previousPage() {
    if (previousCursor == null) {
      throw new NoSuchElementException("This is the first page: check hasPreviousPage() first.");
    }
    return fetcher.apply(request.before(previousCursor));
  }

  @Override
  public String toString() {
    return "Page{" + data.size() + " items, next=" + nextCursor + ", previous=" + previousCursor + '}';
  }
}
