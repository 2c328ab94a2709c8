package io.github.triggerruns.cli;

import io.github.triggerruns.InvalidRequestException;
import io.github.triggerruns.TriggerRuns;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import okhttp3.logging.HttpLoggingInterceptor;

/**
 * Builds the client from the global options and the environment: {@code --token} (a public access
 * token), else {@code --key}, else {@code TRIGGER_SECRET_KEY}, else {@code TRIGGER_ACCESS_TOKEN} (a JWT there
 * is used as a public access token); {@code --api-url}, else
 * {@code TRIGGER_API_URL}, else the public API. With no key at all it starts the {@link Sandbox} and says so
 * in one line on stderr.
 */
final class ClientFactory {
  private ClientFactory() {}

  /** A client and, in the sandbox, the fake server behind it; closing stops the server. */
  record Connection(TriggerRuns client, @Nullable Sandbox sandbox) implements AutoCloseable {
    @Override
    public void close() {
      if (sandbox != null) {
        sandbox.close();
      }
    }
  }

  /** The key the options and environment give, or null (then the tool runs in the sandbox). */
  static @Nullable String resolveKey(TriggerRunsCommand options) {
    return firstNonBlank(options.token, options.key, options.environment().apply("TRIGGER_SECRET_KEY"),
        options.environment().apply("TRIGGER_ACCESS_TOKEN"));
  }

  /**
   * Connects as configured.
   *
   * @param sandboxActivity in the sandbox, the demo activity to run (for {@code watch}); null for a still
   *     sandbox, so that pages stay consistent while listing
   */
  static Connection connect(TriggerRunsCommand options, PrintWriter err,
      Sandbox.@Nullable Activity sandboxActivity) {
    String key = resolveKey(options);
    String apiUrl = firstNonBlank(options.apiUrl, options.environment().apply("TRIGGER_API_URL"));
    Sandbox sandbox = null;
    if (key == null) {
      if (apiUrl != null) {
        // An API URL without a key is a half-configured real setup: demo data would only mislead.
        throw new InvalidRequestException("An API URL is set (" + apiUrl + ") but no key: set TRIGGER_SECRET_KEY"
            + " or pass --key. Without both, the sandbox serves demo runs.");
      }
      sandbox = Sandbox.start();
      if (sandboxActivity != null) {
        sandbox.startActivity(sandboxActivity);
      }
      err.println("sandbox: no TRIGGER_SECRET_KEY set, serving " + Sandbox.RUNS + " demo runs from a local"
          + " fake server at " + sandbox.baseUrl());
      err.flush();
      key = sandbox.secretKey();
      apiUrl = sandbox.baseUrl();
    }
    try {
      // Both are always set explicitly, so the client never reads the process environment on its own.
      if (options.token != null && options.key != null) {
        throw new InvalidRequestException("Pass either --key or --token, not both.");
      }
      // A JWT from --token or TRIGGER_ACCESS_TOKEN is a public access token; the facade tells them apart.
      TriggerRuns.Builder builder = (options.token != null
          ? TriggerRuns.builder().publicAccessToken(key) : TriggerRuns.builder().secretKey(key))
          .baseUrl(apiUrl == null ? TriggerRuns.DEFAULT_BASE_URL : apiUrl);
      if (options.maxRetries != null) {
        builder.maxRetries(options.maxRetries);
      }
      if (options.verbose) {
        // The facade redacts the Authorization header; the URL carries no secret.
        builder.httpLogging(HttpLoggingInterceptor.Level.BASIC, message -> {
          err.println("http: " + options.redact(message));
          err.flush();
        });
      }
      return new Connection(builder.build(), sandbox);
    } catch (RuntimeException e) {
      if (sandbox != null) {
        sandbox.close();
      }
      throw e;
    }
  }

  private static @Nullable String firstNonBlank(@Nullable String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return null;
  }
}
