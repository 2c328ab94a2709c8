package io.github.triggerruns.internal.json;

import com.google.gson.JsonElement;
import io.github.triggerruns.internal.server.ParseDuration;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A run's {@code ttl}, which the server sends as a duration string ({@code "1h42m"}) or a number of seconds. */
public final class Ttl {
  private Ttl() {}

  /** The ttl as sent, as text; null when absent or not a string or number. */
  public static @Nullable String text(@Nullable JsonElement ttl) {
    return ttl == null || !ttl.isJsonPrimitive() ? null : ttl.getAsString();
  }

  /** The ttl as a duration; null when absent or not readable. */
  public static @Nullable Duration duration(@Nullable JsonElement ttl) {
    if (ttl == null || !ttl.isJsonPrimitive()) {
      return null;
    }
    return ttl.getAsJsonPrimitive().isNumber() ? Duration.ofMillis(Math.round(ttl.getAsDouble() * 1000))
        : ParseDuration.duration(ttl.getAsString());
  }
}
