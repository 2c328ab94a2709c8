package io.github.triggerruns.bench.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.triggerruns.bench.fixture.PageSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The page server on the JDK's {@code com.sun.net.httpserver}: the fastest and leanest of the two measured
 * (see the README). Without latency, pages are answered on the server's single dispatcher thread (no
 * hand-off per request); with latency, on a pool, so a prefetching client's overlapping requests are not
 * queued behind each other's sleep.
 */
final class JdkPageServer implements PageServer {
  static {
    // The JDK server leaves Nagle's algorithm on, which can hold the last segment of a page until the
    // client's delayed ACK (tens of milliseconds); must be set before the first server is created.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final String DISPATCHER_THREAD = "HTTP-Dispatcher";

  private final HttpServer server;
  private final ExecutorService pool;
  private final Duration latency;
  private final Set<Long> threadIds = ConcurrentHashMap.newKeySet();
  private final AtomicLong requests = new AtomicLong();
  private volatile PageSource source;

  JdkPageServer(Duration latency) {
    this.latency = latency;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/api/v1/runs", this::handle);
    AtomicInteger threads = new AtomicInteger();
    pool = latency.isZero() ? null : Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "bench-server-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(pool);
    server.start();
  }

  @Override
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @Override
  public void serve(PageSource source) {
    this.source = source;
  }

  @Override
  public long requests() {
    return requests.get();
  }

  @Override
  public boolean isServerThread(long threadId, String threadName) {
    return threadIds.contains(threadId) || DISPATCHER_THREAD.equals(threadName)
        || threadName.startsWith("bench-server-") || threadName.equals("server-timer")
        || threadName.equals("idle-timeout-task");
  }

  private void handle(HttpExchange exchange) throws IOException {
    threadIds.add(Thread.currentThread().getId());
    requests.incrementAndGet();
    try {
      Responses.Answer answer = Responses.answer(source, exchange.getRequestURI().getRawQuery(), latency);
      Headers headers = exchange.getResponseHeaders();
      headers.set("Content-Type", Responses.CONTENT_TYPE);
      headers.set("x-ratelimit-limit", Responses.RATE_LIMIT_LIMIT);
      headers.set("x-ratelimit-remaining", Responses.RATE_LIMIT_REMAINING);
      headers.set("x-ratelimit-reset", Responses.RATE_LIMIT_RESET);
      exchange.sendResponseHeaders(answer.status(), answer.body().length); // a length > 0 sets Content-Length
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    if (pool != null) {
      pool.shutdownNow();
      try {
        pool.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
