package io.github.triggerruns.bench.server;

import io.github.triggerruns.bench.fixture.PageSource;
import java.time.Duration;

/**
 * A local {@code GET /api/v1/runs} on 127.0.0.1 serving the pages of a {@link PageSource}, with
 * {@code Content-Length} and the rate-limit headers the real server sends.
 */
public interface PageServer extends AutoCloseable {
  /** Which implementation: the JDK's HttpServer (the default, see the README) or OkHttp's MockWebServer. */
  enum Kind { JDK, MOCKWEBSERVER }

  /** Starts a server of {@code kind} that waits {@code latency} before answering each page. */
  static PageServer start(Kind kind, Duration latency) {
    return kind == Kind.JDK ? new JdkPageServer(latency) : new MockWebPageServer(latency);
  }

  /** The base URL to give a client, {@code http://127.0.0.1:<port>/}. */
  String baseUrl();

  /** Serves {@code source} from the next request on. */
  void serve(PageSource source);

  /** Requests answered so far (errors included). */
  long requests();

  /**
   * Whether a thread belongs to the server, so allocation measurements can leave it out. Server threads are
   * known once they have answered a request.
   */
  boolean isServerThread(long threadId, String threadName);

  @Override
  void close();
}
