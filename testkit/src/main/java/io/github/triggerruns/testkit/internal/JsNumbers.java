package io.github.triggerruns.testkit.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/** JavaScript's {@code Number(string)}, which the live server applies to numeric query values. */
final class JsNumbers {
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
  private static final Pattern RADIX = Pattern.compile("0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+");

  private JsNumbers() {}

  /** The number, {@code NaN} when JavaScript would say NaN; blank is 0, as in JavaScript. */
  static double toNumber(String value) {
    String s = value.strip();
    if (s.isEmpty()) {
      return 0;
    }
    if (DECIMAL.matcher(s).matches()) {
      return new BigDecimal(s).doubleValue();
    }
    if (RADIX.matcher(s).matches()) {
      char prefix = Character.toLowerCase(s.charAt(1));
      int radix = prefix == 'x' ? 16 : prefix == 'o' ? 8 : 2;
      return new BigInteger(s.substring(2), radix).doubleValue();
    }
    switch (s) {
      case "Infinity":
      case "+Infinity":
        return Double.POSITIVE_INFINITY;
      case "-Infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        return Double.NaN;
    }
  }
}
