package io.github.triggerruns.cli;

import io.github.triggerruns.InvalidRequestException;
import io.github.triggerruns.TriggerRuns;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import okhttp3.logging.HttpLoggingInterceptor;

/**
 * Builds the client from the global options and the environment, resolved by the facade's
 * {@link TriggerRuns.Builder}: {@code --token} (a public access token), else {@code --key}, else
 * {@code TRIGGER_SECRET_KEY}, else {@code TRIGGER_ACCESS_TOKEN} (a JWT there is used as a public access
 * token); {@code --api-url}, else {@code TRIGGER_API_URL}, else the public API. With no key at all it starts
 * the {@link Sandbox} and says so in one line on stderr.
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

  /**
   * Connects as configured.
   *
   * @param sandboxActivity in the sandbox, the demo activity to run (for {@code watch}); null for a still
   *     sandbox, so that pages stay consistent while listing
   */
  static Connection connect(TriggerRunsCommand options, PrintWriter err,
      Sandbox.@Nullable Activity sandboxActivity) {
    if (options.token != null && options.key != null) {
      throw new InvalidRequestException("Pass either --key or --token, not both.");
    }
    // The facade resolves the key and URL (options, else the environment, else its default).
    TriggerRuns.Builder builder = TriggerRuns.builder().environment(options.environment());
    if (options.token != null) {
      builder.publicAccessToken(options.token);
    }
    if (options.key != null) {
      builder.secretKey(options.key);
    }
    if (options.apiUrl != null) {
      builder.baseUrl(options.apiUrl);
    }
    Sandbox sandbox = null;
    if (!builder.hasCredentials()) {
      if (builder.hasBaseUrl()) {
        // An API URL without a key is a half-configured real setup: demo data would only mislead.
        throw new InvalidRequestException("An API URL is set (--api-url or TRIGGER_API_URL) but no key: set"
            + " TRIGGER_SECRET_KEY or pass --key. Without both, the sandbox serves demo runs.");
      }
      sandbox = Sandbox.start();
      if (sandboxActivity != null) {
        sandbox.startActivity(sandboxActivity);
      }
      err.println("sandbox: no TRIGGER_SECRET_KEY set, serving " + Sandbox.RUNS + " demo runs from a local"
          + " fake server at " + sandbox.baseUrl());
      err.flush();
      builder.secretKey(sandbox.secretKey()).baseUrl(sandbox.baseUrl());
    }
    try {
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
}
