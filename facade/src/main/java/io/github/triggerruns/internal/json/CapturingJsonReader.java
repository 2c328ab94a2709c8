package io.github.triggerruns.internal.json;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.MalformedJsonException;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;

/**
 * A streaming reader that keeps, instead of skipping, the fields a model does not declare. Gson's
 * reflective adapters call {@link #skipValue()} for every unknown name; while capturing, that value is read
 * into a tree and kept under its name. Only fields directly inside the captured object are kept, so
 * decoding stays one pass over the stream with no tree of the whole page.
 */
final class CapturingJsonReader extends JsonReader {
  /** Shared: a JsonPrimitive never changes once made. */
  private static final JsonPrimitive TRUE = new JsonPrimitive(true);
  private static final JsonPrimitive FALSE = new JsonPrimitive(false);
  /** The numbers 0 to 9, shared like the booleans: counters and flags such as {@code depth} are mostly these. */
  private static final JsonPrimitive[] DIGITS = new JsonPrimitive[10];

  static {
    for (int digit = 0; digit < DIGITS.length; digit++) {
      DIGITS[digit] = new JsonPrimitive(new LazilyParsedNumber(Integer.toString(digit)));
    }
  }

  private int depth;
  private int captureDepth = -1;
  private String lastName;
  /** The object being captured: scratch reused from run to run (the reader lives for one body). */
  private String[] names = new String[16];
  private JsonElement[] values = new JsonElement[16];
  private int captured;

  CapturingJsonReader(Reader in) {
    super(in);
  }

  /** Starts capturing the unknown fields of the object about to begin. */
  void beginCapture() {
    captureDepth = depth + 1;
    captured = 0;
  }

  /** Stops capturing; returns the fields captured since {@link #beginCapture()}, in order received. */
  Map<String, JsonElement> endCapture() {
    captureDepth = -1;
    if (captured == 0) {
      return Collections.emptyMap();
    }
    Map<String, JsonElement> fields =
        new UndeclaredFields(Arrays.copyOf(names, captured), Arrays.copyOf(values, captured));
    captured = 0;
    return fields;
  }

  @Override
  public void beginObject() throws IOException {
    super.beginObject();
    depth++;
  }

  @Override
  public void endObject() throws IOException {
    super.endObject();
    depth--;
  }

  @Override
  public void beginArray() throws IOException {
    super.beginArray();
    depth++;
  }

  @Override
  public void endArray() throws IOException {
    super.endArray();
    depth--;
  }

  @Override
  public String nextName() throws IOException {
    lastName = super.nextName();
    return lastName;
  }

  @Override
  public void skipValue() throws IOException {
    if (depth == captureDepth && lastName != null) {
      capture(lastName, readValue());
    } else {
      super.skipValue();
    }
  }

  private void capture(String name, JsonElement value) {
    if (captured == names.length) {
      names = Arrays.copyOf(names, captured * 2);
      values = Arrays.copyOf(values, captured * 2);
    }
    names[captured] = name;
    values[captured++] = value;
  }

  /**
   * The value as a tree, read directly: Gson's general tree parse allocates a work stack for every value,
   * which made keeping undeclared fields cost a fifth of decoding a page. Recursion is bounded by the
   * reader's nesting limit.
   */
  private JsonElement readValue() throws IOException {
    switch (peek()) {
      case BEGIN_OBJECT: {
        JsonObject object = new JsonObject();
        beginObject();
        while (hasNext()) {
          String name = nextName();
          object.add(name, readValue());
        }
        endObject();
        return object;
      }
      case BEGIN_ARRAY: {
        JsonArray array = new JsonArray();
        beginArray();
        while (hasNext()) {
          array.add(readValue());
        }
        endArray();
        return array;
      }
      case BOOLEAN:
        return nextBoolean() ? TRUE : FALSE;
      case STRING:
        return new JsonPrimitive(nextString());
      case NUMBER: {
        // As Gson's own tree adapter keeps numbers: the text, parsed only when read, exact at any size.
        String text = nextString();
        if (text.length() == 1 && text.charAt(0) >= '0' && text.charAt(0) <= '9') {
          return DIGITS[text.charAt(0) - '0'];
        }
        return new JsonPrimitive(new LazilyParsedNumber(text));
      }
      case NULL:
        nextNull();
        return JsonNull.INSTANCE;
      default:
        throw new MalformedJsonException("Expected a value but was " + peek() + " at " + getPath());
    }
  }
}
