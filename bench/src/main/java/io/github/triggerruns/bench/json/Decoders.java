package io.github.triggerruns.bench.json;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.time.OffsetDateTime;

/** The Gson set-ups the client is compared with. Each is built once and shared: Gson is thread-safe. */
public final class Decoders {
  private static final Gson FAST_DATES = new GsonBuilder()
      .registerTypeAdapter(OffsetDateTime.class, new FastDateAdapter())
      .create();
  private static final Gson GENERATOR_DATES = new GsonBuilder()
      .registerTypeAdapter(OffsetDateTime.class, new GeneratorDateAdapter())
      .create();
  private static final Gson PLAIN = new Gson();

  private Decoders() {}

  /** Plain Gson with {@link FastDateAdapter}: the raw loop's decoder of the generated model. */
  public static Gson fastDates() {
    return FAST_DATES;
  }

  /** Gson with the generator's default {@link GeneratorDateAdapter}. */
  public static Gson generatorDates() {
    return GENERATOR_DATES;
  }

  /** Gson as it comes, for {@link MinimalPage}. */
  public static Gson plain() {
    return PLAIN;
  }
}
