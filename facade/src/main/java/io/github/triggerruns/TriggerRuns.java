package io.github.triggerruns;

import io.github.triggerruns.generated.api.RunsApi;
import io.github.triggerruns.internal.actions.RunActions;
import io.github.triggerruns.internal.auth.PublicTokens;
import io.github.triggerruns.internal.errors.TypedErrorsCallAdapterFactory;
import io.github.triggerruns.internal.http.BearerCredential;
import io.github.triggerruns.internal.http.RateLimitGate;
import io.github.triggerruns.internal.http.RepeatSafety;
import io.github.triggerruns.internal.http.RequestHeadersInterceptor;
import io.github.triggerruns.internal.http.RetryInterceptor;
import io.github.triggerruns.internal.http.RetryPolicy;
import io.github.triggerruns.internal.http.Sleeper;
import io.github.triggerruns.internal.http.TokenRefreshAuthenticator;
import io.github.triggerruns.internal.json.Json;
import io.github.triggerruns.internal.json.StreamingConverterFactory;
import io.github.triggerruns.internal.paging.PageFetcher;
import io.github.triggerruns.internal.query.DeepObjectParameters;
import io.github.triggerruns.internal.query.DeepObjectQueryInterceptor;
import io.github.triggerruns.internal.realtime.RealtimeTransport;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.logging.HttpLoggingInterceptor;
import org.jspecify.annotations.Nullable;
import retrofit2.Retrofit;
import retrofit2.adapter.rxjava3.RxJava3CallAdapterFactory;

/**
 * The Trigger.dev runs client. Build one per secret key and share it: it is immutable and thread-safe.
 *
 * <pre>{@code
 * TriggerRuns client = TriggerRuns.fromEnv();   // TRIGGER_SECRET_KEY, TRIGGER_API_URL
 * for (Run run : client.runs().iterate(RunFilter.allTime())) { ... }
 * }</pre>
 *
 * <p>Defaults: retries on (4 retries, waits up to 30 s), connect timeout 10 s, read timeout 30 s, call
 * timeout (all attempts and the waits between them) 2 min, no logging. The secret key never appears in logs,
 * exception messages or {@code toString()}.
 */
public final class TriggerRuns {
  /** The API's address unless {@code TRIGGER_API_URL} or {@link Builder#baseUrl} says otherwise. */
  public static final String DEFAULT_BASE_URL = "https://api.trigger.dev";

  private final HttpUrl baseUrl;
  private final Runs runs;
  private final Retrofit apis;
  private final Auth auth;
  /** What {@link #newBuilder} copies: the settings this was built with, its key and base URL resolved. */
  private final Builder settings;
  private final OkHttpClient http;

  private TriggerRuns(HttpUrl baseUrl, Runs runs, Retrofit apis, Auth auth, Builder settings, OkHttpClient http) {
    this.baseUrl = baseUrl;
    this.runs = runs;
    this.apis = apis;
    this.auth = auth;
    this.settings = settings;
    this.http = http;
  }

  /** A builder with every default, reading the key and base URL from the environment unless set. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client configured only from the environment: {@code TRIGGER_SECRET_KEY} (or
   * {@code TRIGGER_ACCESS_TOKEN}) and {@code TRIGGER_API_URL}.
   *
   * @throws IllegalStateException when no key is set, naming the variable to set
   */
  public static TriggerRuns fromEnv() {
    return builder().build();
  }

  /**
   * A builder with this client's settings, its key and base URL as resolved when it was built, whose clients
   * share this one's connection pool and dispatcher, like {@link OkHttpClient#newBuilder()}. Changing it
   * leaves this client as it is.
   */
  public Builder newBuilder() {
    return new Builder(settings);
  }

  /** The OkHttp client this client's calls go through, for tests. */
  OkHttpClient okHttpClient() {
    return http;
  }

  /** The runs of the key's environment. */
  public Runs runs() {
    return runs;
  }

  /**
   * Any generated Retrofit interface ({@code io.github.triggerruns.generated.api}, e.g. {@code QueuesApi}),
   * for the operations {@link #runs()} does not wrap, wired through this client's whole stack: base URL, key,
   * API-version header, retries with backoff (see {@link Builder#maxRetries}), rate-limit pacing, timeouts and
   * logging with the key redacted. Its calls are sent on the client's scheduler when subscribed, and fail
   * with the typed exceptions: a non-2xx answer is a {@link TriggerApiException} subclass, a network failure
   * an {@link ApiConnectionException}.
   *
   * <pre>{@code
   * QueueObject queue = client.api(QueuesApi.class).retrieveQueueV1("task/send-email", null).blockingFirst();
   * }</pre>
   *
   * <p>A POST the server does not deduplicate (such as a replay) is retried only when it surely did not reach
   * the server; see {@link Runs#replay(String)}.
   */
  public <T> T api(Class<T> service) {
    return apis.create(Objects.requireNonNull(service, "service"));
  }

  /** Public access tokens: minting them needs a client built with the secret key. */
  public Auth auth() {
    return auth;
  }

  /** The API base URL this client talks to. */
  public String baseUrl() {
    return baseUrl.toString();
  }

  @Override
  public String toString() {
    return "TriggerRuns{baseUrl=" + baseUrl + '}';
  }

  /** Configures a {@link TriggerRuns}. Every setting has a default; only the key is required. */
  public static final class Builder {
    private @Nullable String secretKey;
    private @Nullable String publicAccessToken;
    private @Nullable PublicAccessTokenProvider publicAccessTokenProvider;
    private @Nullable String baseUrl;
    private @Nullable OkHttpClient okHttpClient;
    private int maxRetries = 4;
    private Duration maxRetryDelay = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofMinutes(2);
    private HttpLoggingInterceptor.@Nullable Level logLevel;
    private HttpLoggingInterceptor.@Nullable Logger logger;
    private @Nullable Scheduler scheduler;
    private boolean keepAdditionalFields = true;
    private Function<String, @Nullable String> environment = System::getenv;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {}

    private Builder(Builder other) {
      secretKey = other.secretKey;
      publicAccessToken = other.publicAccessToken;
      publicAccessTokenProvider = other.publicAccessTokenProvider;
      baseUrl = other.baseUrl;
      okHttpClient = other.okHttpClient;
      maxRetries = other.maxRetries;
      maxRetryDelay = other.maxRetryDelay;
      connectTimeout = other.connectTimeout;
      readTimeout = other.readTimeout;
      callTimeout = other.callTimeout;
      logLevel = other.logLevel;
      logger = other.logger;
      scheduler = other.scheduler;
      keepAdditionalFields = other.keepAdditionalFields;
      environment = other.environment;
      clock = other.clock;
      sleeper = other.sleeper;
      random = other.random;
    }

    /** The secret API key ({@code tr_dev_...}, {@code tr_prod_...}); default: {@code TRIGGER_SECRET_KEY}. */
    public Builder secretKey(String secretKey) {
      this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
      return this;
    }

    /**
     * A public access token (a JWT minted by {@link Auth#createPublicToken} or the official SDK's
     * {@code auth.createPublicToken}) instead of a secret key: what an app ships. The client can then only
     * read what the token's scopes grant: a call outside them fails with {@link PermissionDeniedException}
     * naming the scopes that would grant it; an expired token fails with {@link AuthenticationException}.
     * Default: {@code TRIGGER_ACCESS_TOKEN} when it holds a JWT and no secret key is set. The token never
     * appears in logs, messages or {@code toString()}.
     */
    public Builder publicAccessToken(String token) {
      this.publicAccessToken = Objects.requireNonNull(token, "token");
      this.publicAccessTokenProvider = null;
      return this;
    }

    /**
     * Public access tokens from {@code provider}, for an app whose client outlives one token: the client asks
     * it for a token before its first request and again whenever the server refuses the current one (an
     * expired token), and sends the refused request once more with the new token, so list calls and
     * realtime subscriptions carry on (a subscription from where it was, without repeating a change).
     * Otherwise as {@link #publicAccessToken(String)}. Replaces a token set before.
     */
    public Builder publicAccessToken(PublicAccessTokenProvider provider) {
      this.publicAccessTokenProvider = Objects.requireNonNull(provider, "provider");
      this.publicAccessToken = null;
      return this;
    }

    /**
     * The API base URL; default: {@code TRIGGER_API_URL}, else {@value #DEFAULT_BASE_URL}. Must be https,
     * except for loopback hosts (a local server), so the key never crosses a network in the clear.
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /**
     * An OkHttp client to share the application's connection pool, dispatcher and interceptors with. This
     * client's own interceptors and timeouts are added to a derived copy; the given one is not changed.
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient");
      return this;
    }

    /** How many times a failed attempt is retried (default 4, so 5 attempts); 0 turns retries off. */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new InvalidRequestException("maxRetries must be 0 or more, not " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * The longest single wait between attempts (default 30 s). A 429 whose budget refills later than this
     * is not waited for: it fails with {@link RateLimitException}.
     */
    public Builder maxRetryDelay(Duration maxRetryDelay) {
      this.maxRetryDelay = positive(maxRetryDelay, "maxRetryDelay");
      return this;
    }

    /** Timeout to open a connection (default 10 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout(timeout, "connectTimeout");
      return this;
    }

    /** Timeout between two reads of an answer (default 30 s). */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout(timeout, "readTimeout");
      return this;
    }

    /**
     * OkHttp's call timeout (default 2 min): it bounds a whole call, from its start until its answer's body
     * has been read, every attempt and every wait between them included. A wait between attempts that would
     * end past it is not started. A call that runs out of it, or would, fails at once without another attempt,
     * with {@link ApiConnectionException} saying it timed out. A page whose body breaks off while being
     * decoded is fetched again as a new call, with a callTimeout of its own.
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = timeout(timeout, "callTimeout");
      return this;
    }

    /**
     * Logs each attempt at {@code level} through OkHttp's logging interceptor (default: off). The
     * {@code Authorization} header and public access tokens in bodies are redacted.
     */
    public Builder httpLogging(HttpLoggingInterceptor.Level level) {
      this.logLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    /** Like {@link #httpLogging(HttpLoggingInterceptor.Level)}, writing to {@code logger}. */
    public Builder httpLogging(HttpLoggingInterceptor.Level level, HttpLoggingInterceptor.Logger logger) {
      this.logger = Objects.requireNonNull(logger, "logger");
      return httpLogging(level);
    }

    /**
     * Where asynchronous calls run (default {@link Schedulers#io()}): {@code listAsync}, the page fetches of
     * {@code flow}/{@code observe}, the polls and timers of {@code watch}, whose clock is
     * {@link Scheduler#now}, and realtime subscriptions (a thread each while live: the scheduler must not
     * have fewer threads than subscriptions). A {@code TestScheduler} drives all of them in virtual time.
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Whether each {@link Run} keeps the fields the server sends beyond the spec (default {@code true}); see
     * {@link Run#getAdditionalFields()}. Keeping them costs about 8% of the time spent decoding a page
     * and some 600 bytes a run (measured by the {@code bench} module); turn it off when you read only the
     * declared properties and list runs by the million, or hold many of them. Off, every run's additional
     * fields are an empty map.
     */
    public Builder keepAdditionalFields(boolean keep) {
      this.keepAdditionalFields = keep;
      return this;
    }

    /**
     * Where the key and base URL are looked up when not set here (default: the process environment,
     * {@code System::getenv}): {@code TRIGGER_SECRET_KEY}, then {@code TRIGGER_ACCESS_TOKEN}, and
     * {@code TRIGGER_API_URL}. For settings kept elsewhere, e.g. a tool's own configuration.
     */
    public Builder environment(Function<String, @Nullable String> environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /**
     * Whether {@link #build()} finds something to authenticate with: a key or token set with
     * {@link #secretKey} or {@link #publicAccessToken}, or one in the {@linkplain #environment environment}.
     * For tools that do something else without one (the CLI serves demo runs); others can let
     * {@code build()} fail with its message.
     */
    public boolean hasCredentials() {
      return publicAccessToken != null || publicAccessTokenProvider != null || resolvedSecretKey() != null;
    }

    /**
     * Whether a base URL is set with {@link #baseUrl} or in the {@linkplain #environment environment};
     * without one, {@link #build()} uses {@value #DEFAULT_BASE_URL}.
     */
    public boolean hasBaseUrl() {
      return resolvedBaseUrl() != null;
    }

    private @Nullable String resolvedSecretKey() {
      return firstNonBlank(secretKey, environment.apply("TRIGGER_SECRET_KEY"),
          environment.apply("TRIGGER_ACCESS_TOKEN"));
    }

    private @Nullable String resolvedBaseUrl() {
      return firstNonBlank(baseUrl, environment.apply("TRIGGER_API_URL"));
    }

    Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    Builder random(DoubleSupplier random) {
      this.random = random;
      return this;
    }

    /**
     * The client. Nothing is sent yet.
     *
     * @throws IllegalStateException when no secret key is set, naming {@code TRIGGER_SECRET_KEY}
     * @throws InvalidRequestException when the base URL is malformed or plain http to a remote host
     */
    public TriggerRuns build() {
      if (secretKey != null && (publicAccessToken != null || publicAccessTokenProvider != null)) {
        throw new InvalidRequestException("Both a secret key and a public access token are set: a client"
            + " authenticates with one. Keep secretKey(...) on a backend, publicAccessToken(...) in an app.");
      }
      String key = publicAccessToken != null ? publicAccessToken.trim() : resolvedSecretKey();
      boolean isToken = publicAccessTokenProvider != null
          || key != null && (publicAccessToken != null || PublicTokens.looksLikeJwt(key));
      if (publicAccessToken != null && !PublicTokens.looksLikeJwt(key)) {
        throw new InvalidRequestException("The public access token is not a JWT (three dot-separated"
            + " base64url parts). Pass the token auth.createPublicToken returned, or use secretKey(...) for a"
            + " tr_... key.");
      }
      if (key == null && publicAccessTokenProvider == null) {
        throw new IllegalStateException("No Trigger.dev secret key: set the TRIGGER_SECRET_KEY environment"
            + " variable, or call TriggerRuns.builder().secretKey(\"tr_dev_...\").");
      }
      String configuredUrl = resolvedBaseUrl();
      HttpUrl url = checkedBaseUrl(configuredUrl == null ? DEFAULT_BASE_URL : configuredUrl);
      Builder settings = new Builder(this);
      if (publicAccessToken != null) {
        settings.publicAccessToken = key;
      } else if (publicAccessTokenProvider == null) {
        settings.secretKey = key;
      }
      BearerCredential credential = publicAccessTokenProvider != null
          ? BearerCredential.refreshing(publicAccessTokenProvider) : BearerCredential.fixed(key);
      settings.baseUrl = url.toString();
      OkHttpClient base = okHttpClient == null ? new OkHttpClient() : okHttpClient;
      // Clients built from newBuilder() derive from the same OkHttp client, so they share its pool.
      settings.okHttpClient = base;
      RetryPolicy policy = new RetryPolicy(maxRetries, maxRetryDelay, callTimeout, clock, random);
      RateLimitGate gate = new RateLimitGate(clock, maxRetryDelay);
      OkHttpClient.Builder http = base.newBuilder()
          .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
          .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
          .callTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
          // RetryInterceptor alone decides on retries. Left on, OkHttp replays a 408 at once by itself,
          // ignoring maxRetries, x-should-retry and the backoff, and silently retries connection failures.
          .retryOnConnectionFailure(false)
          .addInterceptor(new DeepObjectQueryInterceptor());
      authenticated(http, credential)
          .addInterceptor(new RetryInterceptor(policy, gate, sleeper))
          // Marks when an attempt got a connection, so an unrepeatable request (a replay) is retried only if not.
          .addNetworkInterceptor(new RepeatSafety());
      HttpLoggingInterceptor logging = logging();
      if (logging != null) {
        http.addInterceptor(logging);
      }
      OkHttpClient client = http.build();
      Scheduler async = scheduler == null ? Schedulers.io() : scheduler;
      Retrofit internal = retrofit(url, client)
          .addCallAdapterFactory(RxJava3CallAdapterFactory.createSynchronous())
          .build();
      RunsApi api = internal.create(RunsApi.class);
      RunActions actions = new RunActions(api, internal, clock, callTimeout, isToken);
      Retrofit apis = retrofit(url, client)
          .addCallAdapterFactory(new TypedErrorsCallAdapterFactory(RxJava3CallAdapterFactory.createWithScheduler(async),
              callTimeout))
          .build();
      Runs runs = new Runs(new PageFetcher(api, policy, sleeper, PublicPageFactory.INSTANCE), async, actions, gate,
          realtimeTransport(base, credential, url, async, logging));
      Auth auth = new Auth(isToken || key == null ? null : new PublicTokens(client, url, key, clock, callTimeout),
          async);
      return new TriggerRuns(url, runs, apis, auth, settings, client);
    }

    private Retrofit.Builder retrofit(HttpUrl url, OkHttpClient okHttp) {
      return new Retrofit.Builder()
          .baseUrl(url)
          .client(okHttp)
          .addConverterFactory(new DeepObjectParameters())
          .addConverterFactory(new StreamingConverterFactory(Json.gson(), keepAdditionalFields));
    }

    /**
     * Realtime long-polls share the connection pool, key and logging, but none of the list calls' retries
     * and call timeout: a subscription retries by itself, for as long as it lives (see Runs).
     */
    private RealtimeTransport realtimeTransport(OkHttpClient base, BearerCredential credential, HttpUrl url,
        Scheduler runsOn, @Nullable HttpLoggingInterceptor logging) {
      OkHttpClient.Builder http = base.newBuilder()
          .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
          .retryOnConnectionFailure(false);
      authenticated(http, credential);
      if (logging != null) {
        http.addInterceptor(logging);
      }
      // No call timeout here: a live request is held by the server for as long as it likes.
      RetryPolicy untilDisposed = new RetryPolicy(Integer.MAX_VALUE, maxRetryDelay, Duration.ZERO, clock, random);
      return new RealtimeTransport(http.build(), url, runsOn, untilDisposed);
    }

    /**
     * Adds what sends {@code credential} (with the other headers every call carries) and, when it can be
     * replaced, what replaces it after a 401: the same for the API's calls and the realtime long-polls.
     */
    private static OkHttpClient.Builder authenticated(OkHttpClient.Builder http, BearerCredential credential) {
      http.addInterceptor(new RequestHeadersInterceptor(credential));
      if (credential.refreshes()) {
        http.authenticator(new TokenRefreshAuthenticator(credential));
      }
      return http;
    }

    /**
     * The logging interceptor the settings ask for, with the Authorization header and public access tokens
     * in bodies (a minted token's answer) redacted; null when off.
     */
    private @Nullable HttpLoggingInterceptor logging() {
      if (logLevel == null) {
        return null;
      }
      HttpLoggingInterceptor.Logger sink = logger == null ? HttpLoggingInterceptor.Logger.DEFAULT : logger;
      HttpLoggingInterceptor logging = new HttpLoggingInterceptor(line -> sink.log(PublicTokens.redactTokens(line)));
      logging.redactHeader("Authorization");
      logging.setLevel(logLevel);
      return logging;
    }

    private static HttpUrl checkedBaseUrl(String baseUrl) {
      HttpUrl url = HttpUrl.parse(baseUrl);
      if (url == null) {
        throw new InvalidRequestException("Base URL \"" + baseUrl + "\" is not an http(s) URL; use e.g. "
            + DEFAULT_BASE_URL);
      }
      if (!url.isHttps() && !isLoopback(url.host())) {
        throw new InvalidRequestException("Base URL " + url + " is plain http to a remote host, which would"
            + " send the secret key in the clear. Use https, or http only to localhost/127.0.0.1/[::1].");
      }
      // Retrofit resolves the API path against the base URL, which must end with a slash to keep its path.
      return url.toString().endsWith("/") ? url : HttpUrl.get(url + "/");
    }

    private static boolean isLoopback(String host) {
      if (host.equals("localhost") || host.endsWith(".localhost")) {
        return true;
      }
      // Only literal addresses are checked, so no name is resolved here.
      if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
        return false;
      }
      try {
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (java.net.UnknownHostException e) {
        return false;
      }
    }

    /** The first value that is neither null nor blank, trimmed; null when none is. */
    private static @Nullable String firstNonBlank(@Nullable String... values) {
      for (String value : values) {
        if (value != null && !value.trim().isEmpty()) {
          return value.trim();
        }
      }
      return null;
    }

    /** A timeout OkHttp takes: whole milliseconds that fit in an int. */
    private static Duration timeout(Duration value, String name) {
      if (positive(value, name).compareTo(Duration.ofMillis(1)) < 0
          || value.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
        throw new InvalidRequestException(name + " must be between 1 ms and 24 days (OkHttp's bounds), not "
            + value);
      }
      return value;
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new InvalidRequestException(name + " must be positive, not " + value);
      }
      return value;
    }

    @Override
    public String toString() {
      return "TriggerRuns.Builder{baseUrl=" + baseUrl + ", secretKey=" + (secretKey == null ? "unset" : "<redacted>")
          + ", publicAccessToken=" + (publicAccessToken != null ? "<redacted>"
              : publicAccessTokenProvider != null ? "from a provider" : "unset") + '}';
    }
  }
}
