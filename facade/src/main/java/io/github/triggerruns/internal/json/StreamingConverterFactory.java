package io.github.triggerruns.internal.json;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;
import io.github.triggerruns.ResponseDecodingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Decodes response bodies straight from the stream as they arrive (no intermediate String or buffer),
 * through {@link CapturingJsonReader} when undeclared fields are kept, else a plain {@link JsonReader}
 * (which skips them). A body that is not the expected JSON becomes a
 * {@link ResponseDecodingException} quoting its start; a body that stops arriving becomes a
 * {@link BodyCutOffException}, which the page fetcher retries.
 */
public final class StreamingConverterFactory extends Converter.Factory {
  private static final int EXCERPT_BYTES = 200;
  private static final MediaType JSON = MediaType.get("application/json; charset=UTF-8");

  private final Gson gson;
  private final boolean keepUndeclaredFields;

  /** A factory over the given Gson; {@code keepUndeclaredFields} as {@code TriggerRuns.Builder} was told. */
  public StreamingConverterFactory(Gson gson, boolean keepUndeclaredFields) {
    this.gson = gson;
    this.keepUndeclaredFields = keepUndeclaredFields;
  }

  @Override
  public Converter<ResponseBody, ?> responseBodyConverter(Type type, Annotation[] annotations,
      Retrofit retrofit) {
    TypeAdapter<?> adapter = gson.getAdapter(TypeToken.get(type));
    return body -> decode(adapter, body);
  }

  /** Request bodies (of the generated POST/PUT operations) as JSON, with the same Gson. */
  @Override
  public Converter<?, RequestBody> requestBodyConverter(Type type, Annotation[] parameterAnnotations,
      Annotation[] methodAnnotations, Retrofit retrofit) {
    @SuppressWarnings("unchecked")
    TypeAdapter<Object> adapter = (TypeAdapter<Object>) gson.getAdapter(TypeToken.get(type));
    return value -> {
      Buffer buffer = new Buffer();
      try (JsonWriter writer =
          gson.newJsonWriter(new OutputStreamWriter(buffer.outputStream(), StandardCharsets.UTF_8))) {
        adapter.write(writer, value);
      }
      return RequestBody.create(buffer.readByteString(), JSON);
    };
  }

  private <T> T decode(TypeAdapter<T> adapter, ResponseBody body) throws IOException {
    BufferedSource source = body.source();
    String excerpt;
    try {
      source.request(EXCERPT_BYTES);
      Buffer head = source.getBuffer();
      // Copied out, not snapshot(): a snapshot shares the segment, which okio then never returns to its
      // pool, so every page cost a fresh 8 KiB segment (8% of the client's allocation end to end).
      ByteArrayOutputStream copy = new ByteArrayOutputStream(EXCERPT_BYTES);
      head.copyTo(copy, 0, Math.min(EXCERPT_BYTES, head.size()));
      excerpt = new String(copy.toByteArray(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      body.close();
      throw new BodyCutOffException(e);
    }
    Reader chars = body.charStream();
    try (JsonReader reader = keepUndeclaredFields ? new CapturingJsonReader(chars) : new JsonReader(chars)) {
      T value = adapter.read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new MalformedJsonException("Unexpected data after the JSON document");
      }
      return value;
    } catch (JsonParseException e) {
      // Gson wraps I/O errors met inside tree values (undeclared fields) in JsonParseException.
      IOException cutOff = cutOff(e.getCause());
      if (cutOff != null) {
        throw new BodyCutOffException(cutOff);
      }
      throw decodingError(excerpt, e);
    } catch (IllegalStateException | DateTimeException e) {
      throw decodingError(excerpt, e);
    } catch (IOException e) {
      IOException cutOff = cutOff(e);
      if (cutOff != null) {
        throw new BodyCutOffException(cutOff);
      }
      throw decodingError(excerpt, e);
    } finally {
      body.close();
    }
  }

  /**
   * {@code failure} when it means the body stopped arriving (the transport's error), or null when the body
   * arrived whole but is not valid JSON: malformed, or ending before the document does (JsonReader's
   * EOFException; a body shorter than announced is the transport's ProtocolException instead).
   */
  private static @Nullable IOException cutOff(@Nullable Throwable failure) {
    if (failure instanceof BodyCutOffException) {
      return (IOException) failure.getCause();
    }
    boolean transport = failure instanceof IOException && !(failure instanceof MalformedJsonException)
        && !(failure instanceof java.io.EOFException);
    return transport ? (IOException) failure : null;
  }

  private static ResponseDecodingException decodingError(String excerpt, Exception cause) {
    Map<String, List<String>> noHeaders = Collections.emptyMap();
    String shown = excerpt.length() < EXCERPT_BYTES ? excerpt : excerpt + "...";
    return new ResponseDecodingException("The server's answer is not the JSON this client expects ("
        + cause.getMessage() + "). It began: " + shown, 200, noHeaders, shown, cause);
  }
}
