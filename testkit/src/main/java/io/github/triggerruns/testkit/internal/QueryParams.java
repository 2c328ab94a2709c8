package io.github.triggerruns.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A query string decoded the way the live server's WHATWG {@code URLSearchParams} decodes it:
 * pairs split on {@code &}, name and value on the first {@code =}, {@code +} is a space,
 * {@code %XX} are UTF-8 bytes (a malformed escape stays as typed), so {@code filter%5Bstatus%5D} and
 * {@code filter[status]} are the same key. A repeated key keeps its last value, as the live handler
 * reads it.
 */
public final class QueryParams {
  private final Map<String, String> values;

  private QueryParams(Map<String, String> values) {
    this.values = values;
  }

  /** Parses the part of a URL after {@code ?} (null or empty means no parameters). */
  public static QueryParams parse(String rawQuery) {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        String key = decode(name);
        values.remove(key); // keep insertion order of the last occurrence
        values.put(key, decode(value));
      }
    }
    return new QueryParams(values);
  }

  /** The query string of a request URL such as {@code /api/v1/runs?page%5Bsize%5D=10}. */
  public static QueryParams ofUrl(String url) {
    int q = url.indexOf('?');
    return parse(q < 0 ? "" : url.substring(q + 1));
  }

  /** The last value of {@code name}, if the key is present (possibly with an empty value). */
  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** All keys and their last values, in order of last appearance. */
  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(values);
  }

  /** The application/x-www-form-urlencoded percent-decoding of the WHATWG URL standard. */
  static String decode(String s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '+') {
        bytes.write(' ');
      } else if (ch == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1))
          && isHex(s.charAt(i + 2))) {
        bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else if (ch < 0x80) {
        bytes.write(ch);
      } else {
        // A raw non-ASCII character (or a surrogate pair): write its UTF-8 bytes.
        int cp = s.codePointAt(i);
        byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
        i += Character.charCount(cp) - 1;
      }
    }
    // Invalid UTF-8 sequences become U+FFFD, as in the standard.
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
