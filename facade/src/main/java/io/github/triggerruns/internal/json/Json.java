package io.github.triggerruns.internal.json;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.time.OffsetDateTime;

/** The one Gson configuration for reading API responses: fast timestamps, undeclared fields kept. */
public final class Json {
  private static final Gson GSON = new GsonBuilder()
      .registerTypeAdapter(OffsetDateTime.class, new OffsetDateTimeAdapter().nullSafe())
      .registerTypeAdapterFactory(new AdditionalFieldsAdapterFactory())
      .registerTypeAdapterFactory(new RetrievedRunAdapterFactory())
      .disableHtmlEscaping()
      .create();

  private Json() {}

  /** The shared, thread-safe instance. */
  public static Gson gson() {
    return GSON;
  }
}
