package io.github.triggerruns.internal.export;

import io.github.triggerruns.InvalidRequestException;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The text form of a parallel listing's progress: for every window not yet delivered in full, its bounds
 * the createdAt of its last delivered run, and the cursor after its last delivered page. {@code v1;<lower>,<upper>,<oldest delivered>,<cursor>;...}, the cursor
 * URL-encoded (empty before the first page). Cursors are stored as the server gave them, never read.
 */
final class Checkpoint {
  private static final String VERSION = "v1";

  /** One window as a checkpoint holds it. */
  static final class Entry {
    final long lower;
    final long upper;
    /** The createdAt of the last run delivered ({@code upper + 1} before any): none to come is newer. */
    final long oldestMs;
    final @Nullable String cursor;

    Entry(long lower, long upper, long oldestMs, @Nullable String cursor) {
      this.lower = lower;
      this.upper = upper;
      this.oldestMs = oldestMs;
      this.cursor = cursor;
    }
  }

  private Checkpoint() {}

  static String encode(List<Entry> entries) {
    StringBuilder s = new StringBuilder(VERSION);
    for (Entry e : entries) {
      s.append(';').append(e.lower).append(',').append(e.upper).append(',').append(e.oldestMs).append(',');
      if (e.cursor != null) {
        s.append(urlEncode(e.cursor));
      }
    }
    return s.toString();
  }

  static List<Entry> decode(String checkpoint) {
    String[] parts = checkpoint.trim().split(";", -1);
    if (!parts[0].equals(VERSION)) {
      throw notACheckpoint(checkpoint);
    }
    List<Entry> entries = new ArrayList<>(parts.length - 1);
    for (int i = 1; i < parts.length; i++) {
      String[] fields = parts[i].split(",", -1);
      if (fields.length != 4) {
        throw notACheckpoint(checkpoint);
      }
      try {
        long lower = Long.parseLong(fields[0]);
        long upper = Long.parseLong(fields[1]);
        long oldest = Long.parseLong(fields[2]);
        if (lower < 1 || upper < lower || oldest > upper + 1) {
          throw notACheckpoint(checkpoint);
        }
        entries.add(new Entry(lower, upper, oldest, fields[3].isEmpty() ? null : urlDecode(fields[3])));
      } catch (IllegalArgumentException e) { // a number that is not one, or a bad URL escape
        throw notACheckpoint(checkpoint);
      }
    }
    return Collections.unmodifiableList(entries);
  }

  private static InvalidRequestException notACheckpoint(String checkpoint) {
    return new InvalidRequestException("resumeFrom(\"" + (checkpoint.length() > 40 ? checkpoint.substring(0, 40)
        + "...\")" : checkpoint + "\")") + " is not a checkpoint of a parallel listing: pass the text of"
        + " ParallelPage.getCheckpoint() unchanged.");
  }

  private static String urlEncode(String value) {
    try {
      return URLEncoder.encode(value, "UTF-8");
    } catch (UnsupportedEncodingException e) {
      throw new AssertionError(e); // UTF-8 is always supported
    }
  }

  private static String urlDecode(String value) {
    try {
      return URLDecoder.decode(value, "UTF-8");
    } catch (UnsupportedEncodingException e) {
      throw new AssertionError(e);
    }
  }
}
