package io.github.triggerruns.bench.jmh;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import io.github.triggerruns.FacadeAccess;
import io.github.triggerruns.Page;
import io.github.triggerruns.PageRequest;
import io.github.triggerruns.Run;
import io.github.triggerruns.RunFilter;
import io.github.triggerruns.bench.fixture.Cursors;
import io.github.triggerruns.bench.fixture.PageRenderer;
import io.github.triggerruns.bench.json.Decoders;
import io.github.triggerruns.generated.api.RunsApi;
import io.github.triggerruns.generated.model.ListRunsResult;
import io.github.triggerruns.internal.http.BearerCredential;
import io.github.triggerruns.internal.http.RateLimitGate;
import io.github.triggerruns.internal.http.RequestHeadersInterceptor;
import io.github.triggerruns.internal.http.RetryInterceptor;
import io.github.triggerruns.internal.http.RetryPolicy;
import io.github.triggerruns.internal.http.Sleeper;
import io.github.triggerruns.internal.json.Json;
import io.github.triggerruns.internal.json.StreamingConverterFactory;
import io.github.triggerruns.internal.query.DeepObjectParameters;
import io.github.triggerruns.internal.paging.PageFetcher;
import io.github.triggerruns.internal.query.DeepObjectQueryInterceptor;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
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
import retrofit2.Retrofit;
import retrofit2.adapter.rxjava3.RxJava3CallAdapterFactory;

/**
 * One page fetched through the whole request stack, with the network replaced by a last interceptor that
 * answers the 100-run page from memory: what the client's layers cost per page, free of sockets and of
 * the page server. Subtract {@link PageDecodingBenchmark}'s decoding to get the layers alone.
 * <ul>
 *   <li>{@code facadePageFetch}: {@link PageFetcher#fetch} over Retrofit, RxJava and the facade's
 *       interceptors, wired as {@code TriggerRuns.Builder#build()} wires them (keep the two in step);</li>
 *   <li>{@code rawCall}: one plain OkHttp call, decoded by Gson into the generated model, as the raw loop
 *       of the end-to-end benchmark does.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestStackBenchmark {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final String BASE_URL = "http://127.0.0.1:9/";

  private PageFetcher fetcher;
  private PageRequest request;
  private OkHttpClient raw;
  private HttpUrl rawUrl;
  private TypeAdapter<ListRunsResult> rawDecoder;

  @Setup
  public void setUp() {
    byte[] page = new PageRenderer(100, 20_000).page(1);
    Interceptor answerFromMemory = chain -> new Response.Builder()
        .request(chain.request())
        .protocol(Protocol.HTTP_1_1)
        .code(200)
        .message("OK")
        .header("x-ratelimit-remaining", "1499")
        .header("x-ratelimit-reset", "4102444800000")
        .body(ResponseBody.create(page, JSON))
        .build();

    Clock clock = Clock.systemUTC();
    Duration maxDelay = Duration.ofSeconds(30);
    Duration callTimeout = Duration.ofMinutes(2);
    RetryPolicy policy = new RetryPolicy(4, maxDelay, callTimeout, clock,
        () -> ThreadLocalRandom.current().nextDouble());
    OkHttpClient facadeHttp = new OkHttpClient.Builder()
        .connectTimeout(10, TimeUnit.SECONDS)
        .readTimeout(30, TimeUnit.SECONDS)
        .callTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .retryOnConnectionFailure(false)
        .addInterceptor(new DeepObjectQueryInterceptor())
        .addInterceptor(new RequestHeadersInterceptor(BearerCredential.fixed("tr_dev_bench")))
        .addInterceptor(new RetryInterceptor(policy, new RateLimitGate(clock, maxDelay),
            Sleeper.SYSTEM))
        .addInterceptor(answerFromMemory)
        .build();
    RunsApi api = new Retrofit.Builder()
        .baseUrl(BASE_URL)
        .client(facadeHttp)
        .addConverterFactory(new DeepObjectParameters())
        .addConverterFactory(new StreamingConverterFactory(Json.gson(), true))
        .addCallAdapterFactory(RxJava3CallAdapterFactory.createSynchronous())
        .build()
        .create(RunsApi.class);
    fetcher = new PageFetcher(api, policy, Sleeper.SYSTEM, FacadeAccess.pageFactory());
    request = PageRequest.ofSize(100).after(Cursors.of(99));

    raw = new OkHttpClient.Builder().addInterceptor(answerFromMemory).build();
    rawUrl = HttpUrl.get(BASE_URL + "api/v1/runs").newBuilder()
        .addQueryParameter("filter[createdAt][from]", "1")
        .addQueryParameter("page[size]", "100")
        .addQueryParameter("page[after]", Cursors.of(99))
        .build();
    rawDecoder = Decoders.fastDates().getAdapter(ListRunsResult.class);
  }

  @Benchmark
  public Page<Run> facadePageFetch() {
    return fetcher.fetch(RunFilter.allTime(), request);
  }

  @Benchmark
  public ListRunsResult rawCall() throws IOException {
    Request call = new Request.Builder().url(rawUrl).header("Authorization", "Bearer tr_dev_bench").build();
    try (Response response = raw.newCall(call).execute();
        JsonReader reader = new JsonReader(response.body().charStream())) {
      return rawDecoder.read(reader);
    }
  }
}
