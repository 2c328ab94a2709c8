package io.github.triggerruns.internal.json;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A streaming reader that keeps, instead of skipping, the fields a model does not declare. Gson's
 * reflective adapters call {@link #skipValue()} for every unknown name; while capturing, that value is read
 * into a tree and kept under its name. Only fields directly inside the captured object are kept, so
 * decoding stays one pass over the stream with no tree of the whole page.
 */
final class CapturingJsonReader extends JsonReader {
  private int depth;
  private int captureDepth = -1;
  private String lastName;
  private Map<String, JsonElement> captured;

  CapturingJsonReader(Reader in) {
    super(in);
  }

  /** Starts capturing the unknown fields of the object about to begin; returns where they go. */
  Map<String, JsonElement> beginCapture() {
    captureDepth = depth + 1;
    captured = new LinkedHashMap<>();
    return captured;
  }

  void endCapture() {
    captureDepth = -1;
    captured = null;
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
    if (depth == captureDepth && captured != null && lastName != null) {
      captured.put(lastName, JsonParser.parseReader(this));
    } else {
      super.skipValue();
    }
  }
}
