package io.github.triggerruns.testkit.internal.realtime;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.RealtimeBackend;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The shape logs the Electric sync service keeps, as far as a client can tell: per handle, the shape's
 * {@code where} (a run predicate, fixed when the shape is created), its snapshot served in chunks of
 * {@code chunkRows} rows at offsets {@code 0_<rows so far>} up to {@code 0_inf}, then log entries at
 * {@code <lsn>_<op>} offsets. A log entry inserts a run that joined, updates only the columns that changed
 * (plus {@code id}, the primary key, as under Electric's default replica mode) and deletes with the key alone.
 *
 * <p>Thread-safe. The rows each offset left the client with are kept (the last few per shape), so a request at an
 * offset gets exactly the changes since it, however often it is asked.
 */
final class ElectricShapes {
  /** The offset of the end of a snapshot (Electric's {@code last_before_real_offsets}). */
  static final String SNAPSHOT_END = "0_inf";
  private static final int MAX_SHAPES = 10_000;
  private static final int OFFSETS_KEPT = 64;

  private final int chunkRows;
  private final Clock clock;
  private final AtomicLong lsn = new AtomicLong(1_000);
  private final Map<String, Shape> shapes = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Shape> eldest) {
      return size() > MAX_SHAPES;
    }
  });

  ElectricShapes(int chunkRows, Clock clock) {
    this.chunkRows = chunkRows;
    this.clock = clock;
  }

  /** A new handle, shaped as Electric's ({@code <hash>-<created ms>}). */
  String mintHandle() {
    return ThreadLocalRandom.current().nextInt(1_000_000, 100_000_000) + "-" + clock.millis();
  }

  /** Creates (or replaces) the shape {@code handle} over {@code member}, its snapshot being {@code rows}. */
  Shape create(String handle, Predicate<FakeRun> member, List<FakeRun> rows, Set<String> skip) {
    Shape shape = new Shape(member, skip, rows);
    shapes.put(handle, shape);
    return shape;
  }

  /** The shape {@code handle}, or null when the handle is unknown (or forgotten). */
  Shape get(String handle) {
    return handle == null ? null : shapes.get(handle);
  }

  /** What a request at an offset gets: change messages, the offset to continue from, and whether it is up to date. */
  static final class Batch {
    final List<String> messages;
    final String offset;
    final boolean upToDate;

    Batch(List<String> messages, String offset, boolean upToDate) {
      this.messages = messages;
      this.offset = offset;
      this.upToDate = upToDate;
    }
  }

  /** One shape's log. */
  final class Shape {
    private final Predicate<FakeRun> member;
    private final Set<String> skip;
    private final Map<String, JsonObject> snapshot;
    private final List<String> snapshotKeys;
    private final Map<String, Map<String, JsonObject>> rowsAt = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Map<String, JsonObject>> eldest) {
        return size() > OFFSETS_KEPT;
      }
    };

    private Shape(Predicate<FakeRun> member, Set<String> skip, List<FakeRun> snapshot) {
      this.member = member;
      this.skip = skip;
      this.snapshot = rows(snapshot);
      this.snapshotKeys = new ArrayList<>(this.snapshot.keySet());
      rowsAt.put(SNAPSHOT_END, this.snapshot);
    }

    /** The runs this shape selects. */
    Predicate<FakeRun> member() {
      return member;
    }

    /** The columns the shape leaves out. */
    Set<String> skip() {
      return skip;
    }

    /** Whether a request may continue from {@code offset}. */
    synchronized boolean knows(String offset) {
      return snapshotPosition(offset) >= 0 || offset.equals(SNAPSHOT_END) || rowsAt.containsKey(offset);
    }

    /** Whether {@code offset} is inside the snapshot: the next answer is a chunk, never held. */
    boolean inSnapshot(String offset) {
      return snapshotPosition(offset) >= 0;
    }

    /**
     * The next snapshot chunk after {@code offset}, or the changes from {@code offset} to {@code current}
     * (this shape's runs now); a change moves the log to a new offset.
     */
    synchronized Batch next(String offset, List<FakeRun> current) {
      int position = snapshotPosition(offset);
      if (position >= 0) {
        int end = Math.min(position + chunkRows, snapshotKeys.size());
        List<String> messages = new ArrayList<>();
        for (String key : snapshotKeys.subList(position, end)) {
          messages.add(RealtimeRows.message(key, "insert", snapshot.get(key)));
        }
        boolean last = end == snapshotKeys.size();
        return new Batch(messages, last ? SNAPSHOT_END : "0_" + end, last);
      }
      Map<String, JsonObject> before = offset.equals(SNAPSHOT_END) ? snapshot : rowsAt.get(offset);
      Map<String, JsonObject> now = rows(current);
      List<String> messages = new ArrayList<>();
      for (Map.Entry<String, JsonObject> row : now.entrySet()) {
        JsonObject prior = before.get(row.getKey());
        if (prior == null) {
          messages.add(RealtimeRows.message(row.getKey(), "insert", row.getValue()));
        } else {
          JsonObject changed = changedColumns(prior, row.getValue());
          if (changed != null) {
            messages.add(RealtimeRows.message(row.getKey(), "update", changed));
          }
        }
      }
      for (Map.Entry<String, JsonObject> row : before.entrySet()) {
        if (!now.containsKey(row.getKey())) {
          messages.add(RealtimeRows.message(row.getKey(), "delete", primaryKey(row.getValue())));
        }
      }
      if (messages.isEmpty()) {
        return new Batch(messages, offset, true);
      }
      String next = lsn.incrementAndGet() + "_" + (messages.size() - 1);
      rowsAt.put(next, now);
      return new Batch(messages, next, true);
    }

    /** {@code -1} is position 0; {@code 0_<n>} inside the snapshot is position n; anything else is -1. */
    private int snapshotPosition(String offset) {
      if (offset.equals(RealtimeFeedRequest.INITIAL_OFFSET)) {
        return 0;
      }
      if (!offset.startsWith("0_") || offset.equals(SNAPSHOT_END)) {
        return -1;
      }
      try {
        int position = Integer.parseInt(offset.substring(2));
        return position > 0 && position < snapshotKeys.size() ? position : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    private Map<String, JsonObject> rows(List<FakeRun> runs) {
      Map<String, JsonObject> rows = new LinkedHashMap<>();
      for (FakeRun run : runs) {
        rows.put(RealtimeRows.key(run), RealtimeRows.value(run, skip, RealtimeBackend.ELECTRIC));
      }
      return rows;
    }
  }

  /** The columns of {@code now} that differ from {@code before}, with the primary key; null when none differ. */
  private static JsonObject changedColumns(JsonObject before, JsonObject now) {
    JsonObject changed = primaryKey(now);
    boolean any = false;
    for (Map.Entry<String, JsonElement> column : now.entrySet()) {
      if (!Objects.equals(before.get(column.getKey()), column.getValue())) {
        changed.add(column.getKey(), column.getValue());
        any = true;
      }
    }
    return any ? changed : null;
  }

  private static JsonObject primaryKey(JsonObject row) {
    JsonObject key = new JsonObject();
    key.add("id", row.get("id"));
    return key;
  }
}
