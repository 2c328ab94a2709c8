package io.github.triggerruns.testkit.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;

/** JSON output that matches what Node's {@code JSON.stringify} writes on the live server. */
public final class Json {
  // HTML escaping off: JSON.stringify writes '<', '=', '&' and "'" as they are.
  private static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().create();
  // JSON.stringify(value, null, 2), used by the live rate limiter's problem+json bodies.
  private static final Gson PRETTY =
      new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();

  private Json() {}

  /** One line, no spaces. */
  public static String compact(JsonElement element) {
    return COMPACT.toJson(element);
  }

  /** Two-space indentation. */
  public static String pretty(JsonElement element) {
    return PRETTY.toJson(element);
  }

  /**
   * A number written as JavaScript writes it: {@code 0} not {@code 0.0}, {@code 0.0001} not
   * {@code 1.0E-4}, so bodies look exactly like the live ones.
   */
  public static JsonPrimitive number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("not a JSON number: " + value);
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return new JsonPrimitive((long) value);
    }
    // BigDecimal prints plain digits down to 1e-6, as JavaScript does.
    return new JsonPrimitive(new BigDecimal(Double.toString(value)).stripTrailingZeros());
  }
}
