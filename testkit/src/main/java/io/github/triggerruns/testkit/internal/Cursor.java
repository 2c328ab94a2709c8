package io.github.triggerruns.testkit.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.github.triggerruns.testkit.FakeRun;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * A position in the list order (createdAt descending, then id descending) and its wire form: the
 * live server's opaque token, base64url (no padding) of {@code {"c":createdAtMs,"r":runId}}.
 *
 * <p>The fake adds an optional {@code "s"} counter only to the cursor of an empty short page, which
 * points at the same position as the request's cursor: without it the client would send the
 * identical request again and, since short pages are decided from the request, get the identical
 * empty page forever.
 */
public final class Cursor {
  /** List order: newest first, ties broken by id descending. */
  public static final Comparator<Cursor> LIST_ORDER =
      Comparator.comparingLong((Cursor c) -> c.createdAtMs)
          .thenComparing(c -> c.runId)
          .reversed();

  private final long createdAtMs;
  private final String runId;
  private final int skips;

  private Cursor(long createdAtMs, String runId, int skips) {
    this.createdAtMs = createdAtMs;
    this.runId = Objects.requireNonNull(runId);
    this.skips = skips;
  }

  /** The position of {@code run}. */
  public static Cursor of(FakeRun run) {
    return new Cursor(run.createdAt().toEpochMilli(), run.id(), 0);
  }

  /** The position of a run created at {@code createdAtMs} with id {@code runId}. */
  public static Cursor of(long createdAtMs, String runId) {
    return new Cursor(createdAtMs, runId, 0);
  }

  /** The same position, marked as reached through one more empty short page. */
  Cursor skipped() {
    return new Cursor(createdAtMs, runId, skips + 1);
  }

  /** How many empty short pages in a row led to this cursor. */
  int skips() {
    return skips;
  }

  /** Milliseconds of the run's createdAt. */
  public long createdAtMs() {
    return createdAtMs;
  }

  /** The run's id. */
  public String runId() {
    return runId;
  }

  /** The wire token. */
  public String encode() {
    JsonObject json = new JsonObject();
    json.addProperty("c", createdAtMs);
    json.addProperty("r", runId);
    if (skips > 0) {
      json.addProperty("s", skips);
    }
    byte[] bytes = Json.compact(json).getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The cursor a token stands for, or empty when the token is not one this server issues. */
  public static Optional<Cursor> decode(String token) {
    try {
      // Node's base64url decoder ignores padding, so accept it too.
      String unpadded = token.replace("=", "");
      String text = new String(Base64.getUrlDecoder().decode(unpadded), StandardCharsets.UTF_8);
      JsonElement parsed = JsonParser.parseString(text);
      if (!parsed.isJsonObject()) {
        return Optional.empty();
      }
      JsonObject json = parsed.getAsJsonObject();
      Optional<Long> c = integer(json.get("c"));
      JsonElement r = json.get("r");
      if (c.isEmpty() || r == null || !r.isJsonPrimitive() || !r.getAsJsonPrimitive().isString()
          || r.getAsString().isEmpty()) {
        return Optional.empty();
      }
      int skips = integer(json.get("s")).map(Long::intValue).orElse(0);
      return Optional.of(new Cursor(c.get(), r.getAsString(), Math.max(0, skips)));
    } catch (RuntimeException e) {
      // Bad base64, bad UTF-8 or bad JSON: all mean "not a cursor".
      return Optional.empty();
    }
  }

  private static Optional<Long> integer(JsonElement element) {
    if (element == null || !element.isJsonPrimitive()) {
      return Optional.empty();
    }
    JsonPrimitive p = element.getAsJsonPrimitive();
    if (!p.isNumber()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(p.getAsString()).longValueExact());
    } catch (ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Same position (the skip counter is not part of the position). */
  public boolean samePosition(Cursor other) {
    return createdAtMs == other.createdAtMs && runId.equals(other.runId);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Cursor)) {
      return false;
    }
    Cursor c = (Cursor) o;
    return createdAtMs == c.createdAtMs && runId.equals(c.runId) && skips == c.skips;
  }

  @Override
  public int hashCode() {
    return Objects.hash(createdAtMs, runId, skips);
  }

  @Override
  public String toString() {
    return "Cursor{" + createdAtMs + ", " + runId + (skips > 0 ? ", s=" + skips : "") + '}';
  }
}
