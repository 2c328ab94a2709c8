package io.github.triggerruns.bench.server;

import io.github.triggerruns.bench.fixture.Cursors;
import io.github.triggerruns.bench.fixture.PageSource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Which page a {@code GET /api/v1/runs} query asks for: the first page without a cursor, otherwise the page
 * after the run that {@code page[after]} names. Anything a well-behaved client would not send (another page
 * size, a {@code page[before]}, a cursor the server never gave) is refused, so a client bug fails the
 * benchmark instead of producing a fast wrong number. Filters are accepted and ignored.
 */
public final class PageQuery {
  /** The server's page size when a query does not say. */
  static final int DEFAULT_SIZE = 25;

  private PageQuery() {}

  /**
   * The index of the page {@code rawQuery} (still form-encoded, may be null) asks for.
   *
   * @throws IllegalArgumentException saying what is wrong with the query
   */
  public static int resolve(String rawQuery, PageSource source) {
    int size = DEFAULT_SIZE;
    String after = null;
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        switch (key) {
          case "page[size]":
            size = parseSize(value);
            break;
          case "page[after]":
            after = value;
            break;
          case "page[before]":
            throw new IllegalArgumentException("page[before] is not served: the fixture lists forwards only");
          default:
            break;
        }
      }
    }
    if (size != source.pageSize()) {
      throw new IllegalArgumentException("page[size]=" + size + " but this listing is served in pages of "
          + source.pageSize());
    }
    if (after == null) {
      return 0;
    }
    long seq = Cursors.seqOf(after);
    if (seq < 0 || (seq + 1) % size != 0) {
      throw new IllegalArgumentException("page[after]=" + after + " is not a cursor this server gave");
    }
    long index = (seq + 1) / size;
    if (index >= source.pageCount()) {
      throw new IllegalArgumentException("page[after]=" + after + " points past the last page");
    }
    return (int) index;
  }

  private static int parseSize(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("page[size]=" + value + " is not a number");
    }
  }
}
