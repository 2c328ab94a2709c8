package io.github.triggerruns.bench.jmh;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import io.github.triggerruns.bench.fixture.PageRenderer;
import io.github.triggerruns.bench.json.Decoders;
import io.github.triggerruns.bench.json.MinimalPage;
import io.github.triggerruns.generated.model.ListRunsResult;
import io.github.triggerruns.internal.json.Json;
import io.github.triggerruns.internal.json.StreamingConverterFactory;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Decoding one page of 100 realistic runs (the end-to-end fixture's page 2, about 70 KB):
 * <ul>
 *   <li>{@code clientPath}: the facade's own path, Retrofit's converter from {@link StreamingConverterFactory}
 *       over {@link Json#gson()}, reading through its capturing reader (undeclared fields kept) from an OkHttp
 *       {@link ResponseBody} made of the bytes, like the retry interceptor's buffered body;</li>
 *   <li>{@code clientPathWithoutExtras}: the same converter as a client built with
 *       {@code keepAdditionalFields(false)} has, reading through a plain {@link JsonReader} that skips
 *       undeclared fields: the client path minus the cost of keeping them;</li>
 *   <li>{@code generatedModelFastDates}: plain Gson into the generated model with a fast timestamp adapter,
 *       the raw loop's decoder;</li>
 *   <li>{@code generatedModelGeneratorDates}: the same with the generator's default
 *       {@code OffsetDateTime.parse} adapter, what the bare generated client does;</li>
 *   <li>{@code minimalPojo}: plain Gson into four string fields a run, the floor.</li>
 * </ul>
 * All read the bytes through an OkHttp {@link ResponseBody}'s {@code charStream()}, as the client and the raw
 * loop do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PageDecodingBenchmark {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private byte[] page;
  private Converter<ResponseBody, ?> clientConverter;
  private Converter<ResponseBody, ?> clientConverterWithoutExtras;
  private TypeAdapter<ListRunsResult> fastDates;
  private TypeAdapter<ListRunsResult> generatorDates;
  private TypeAdapter<MinimalPage> minimal;

  @Setup
  public void setUp() {
    page = new PageRenderer(100, 20_000).page(1);
    Retrofit retrofit = new Retrofit.Builder().baseUrl("http://127.0.0.1/").build();
    clientConverter = new StreamingConverterFactory(Json.gson(), true)
        .responseBodyConverter(ListRunsResult.class, new Annotation[0], retrofit);
    clientConverterWithoutExtras = new StreamingConverterFactory(Json.gson(), false)
        .responseBodyConverter(ListRunsResult.class, new Annotation[0], retrofit);
    fastDates = Decoders.fastDates().getAdapter(ListRunsResult.class);
    generatorDates = Decoders.generatorDates().getAdapter(ListRunsResult.class);
    minimal = Decoders.plain().getAdapter(MinimalPage.class);
  }

  @Benchmark
  public Object clientPath() throws IOException {
    return clientConverter.convert(ResponseBody.create(page, JSON));
  }

  @Benchmark
  public Object clientPathWithoutExtras() throws IOException {
    return clientConverterWithoutExtras.convert(ResponseBody.create(page, JSON));
  }

  @Benchmark
  public ListRunsResult generatedModelFastDates() throws IOException {
    return read(fastDates);
  }

  @Benchmark
  public ListRunsResult generatedModelGeneratorDates() throws IOException {
    return read(generatorDates);
  }

  @Benchmark
  public MinimalPage minimalPojo() throws IOException {
    return read(minimal);
  }

  private <T> T read(TypeAdapter<T> adapter) throws IOException {
    try (JsonReader reader = new JsonReader(ResponseBody.create(page, JSON).charStream())) {
      return adapter.read(reader);
    }
  }
}
