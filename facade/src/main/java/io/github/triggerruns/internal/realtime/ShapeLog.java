package io.github.triggerruns.internal.realtime;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rows of one shape as its messages build them up, and which of them to emit. Not thread-safe: one
 * subscription's polls run one after another.
 *
 * <ul>
 *   <li>An insert sets the row; an update merges its columns into the row with the same key (Electric may
 *       send only the changed columns); a delete drops it.</li>
 *   <li>Rows changed by a batch are emitted once the server says {@code up-to-date}, each once, in the order
 *       they first changed, as the SDK does ({@code ReadableShapeStream} in packages/core stream.ts).</li>
 *   <li>Unlike the SDK, a row equal to the one last emitted for its key is not emitted again: a snapshot
 *       served again after a reconnect or a must-refetch (the native server re-sends whole rows) would
 *       otherwise repeat every row.</li>
 *   <li>{@link #mustRefetch()} drops the rows (a new snapshot follows) but remembers what was emitted.</li>
 * </ul>
 */
public final class ShapeLog {
  private final Map<String, Map<String, @Nullable String>> rows = new HashMap<>();
  private final Map<String, Map<String, @Nullable String>> emitted = new HashMap<>();
  private final Set<String> changed = new LinkedHashSet<>();

  /** What one response's messages said besides the rows. */
  public static final class Applied {
    /** The rows to emit now: empty unless the batch ended up to date. */
    public final List<Map<String, @Nullable String>> rows;
    /** Whether the server said {@code up-to-date}. */
    public final boolean upToDate;
    /** Whether the server said {@code must-refetch}. */
    public final boolean mustRefetch;

    Applied(List<Map<String, @Nullable String>> rows, boolean upToDate, boolean mustRefetch) {
      this.rows = rows;
      this.upToDate = upToDate;
      this.mustRefetch = mustRefetch;
    }
  }

  /**
   * Applies a response body's messages in order.
   *
   * @throws IllegalArgumentException when a message is not a change or control message
   */
  public Applied apply(JsonArray messages) {
    boolean upToDate = false;
    boolean refetch = false;
    for (JsonElement element : messages) {
      if (!element.isJsonObject()) {
        throw new IllegalArgumentException("a shape message is not an object: " + element);
      }
      JsonObject message = element.getAsJsonObject();
      JsonObject headers = message.has("headers") && message.get("headers").isJsonObject()
          ? message.getAsJsonObject("headers") : new JsonObject();
      String control = text(headers, "control");
      if (control != null) {
        if (control.equals("up-to-date")) {
          upToDate = true;
        } else if (control.equals("must-refetch")) {
          refetch = true;
          mustRefetch();
        }
        continue;
      }
      String key = text(message, "key");
      String operation = text(headers, "operation");
      if (key == null || operation == null) {
        throw new IllegalArgumentException("a shape message has neither a control nor a key and operation: "
            + message);
      }
      apply(key, operation, message.get("value"));
    }
    List<Map<String, @Nullable String>> out = upToDate ? drain() : Collections.emptyList();
    return new Applied(out, upToDate, refetch);
  }

  /** Forgets the rows (a new snapshot follows); rows emitted before are still not repeated unchanged. */
  public void mustRefetch() {
    rows.clear();
    changed.clear();
  }

  private void apply(String key, String operation, @Nullable JsonElement value) {
    switch (operation) {
      case "insert":
        rows.put(key, columns(null, value));
        changed.add(key);
        break;
      case "update":
        rows.put(key, columns(rows.get(key), value));
        changed.add(key);
        break;
      case "delete":
        rows.remove(key);
        emitted.remove(key);
        changed.remove(key);
        break;
      default:
        // An operation this client does not know changes nothing it could show.
        break;
    }
  }

  private List<Map<String, @Nullable String>> drain() {
    List<Map<String, @Nullable String>> out = new ArrayList<>(changed.size());
    for (String key : changed) {
      Map<String, @Nullable String> row = rows.get(key);
      if (row != null && !row.equals(emitted.get(key))) {
        emitted.put(key, row);
        out.add(row);
      }
    }
    changed.clear();
    return out;
  }

  private static Map<String, @Nullable String> columns(@Nullable Map<String, @Nullable String> base,
      @Nullable JsonElement value) {
    Map<String, @Nullable String> row = base == null ? new LinkedHashMap<>() : new LinkedHashMap<>(base);
    if (value != null && value.isJsonObject()) {
      for (Map.Entry<String, JsonElement> column : value.getAsJsonObject().entrySet()) {
        JsonElement v = column.getValue();
        row.put(column.getKey(), v == null || v.isJsonNull() ? null
            : v.isJsonPrimitive() ? v.getAsString() : v.toString());
      }
    }
    return Collections.unmodifiableMap(row);
  }

  private static @Nullable String text(JsonObject object, String name) {
    JsonElement value = object.get(name);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
  }

  @Override
  public String toString() {
    return "ShapeLog{rows=" + rows.size() + ", pending=" + changed.size() + '}';
  }

}
