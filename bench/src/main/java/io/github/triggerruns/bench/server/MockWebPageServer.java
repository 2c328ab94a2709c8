package io.github.triggerruns.bench.server;

import io.github.triggerruns.bench.fixture.PageSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/**
 * The page server on OkHttp's MockWebServer, kept to re-check the choice of server
 * ({@code --server=mockwebserver}). It copies each page into an okio Buffer per answer and records every
 * request, which this class drains so a million-run listing does not fill the heap; its sockets get
 * TCP_NODELAY from {@link NoDelayServerSocketFactory}, without which each page costs a delayed ACK (40 ms).
 */
final class MockWebPageServer implements PageServer {
  private final MockWebServer server = new MockWebServer();
  private final Set<Long> threadIds = ConcurrentHashMap.newKeySet();
  private final AtomicLong requests = new AtomicLong();
  private volatile PageSource source;

  MockWebPageServer(Duration latency) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        threadIds.add(Thread.currentThread().getId());
        requests.incrementAndGet();
        server.takeRequest(0, TimeUnit.NANOSECONDS); // drop the recording of this request
        Responses.Answer answer = Responses.answer(source, request.getRequestUrl().encodedQuery(), latency);
        return new MockResponse()
            .setResponseCode(answer.status())
            .setHeader("Content-Type", Responses.CONTENT_TYPE)
            .setHeader("x-ratelimit-limit", Responses.RATE_LIMIT_LIMIT)
            .setHeader("x-ratelimit-remaining", Responses.RATE_LIMIT_REMAINING)
            .setHeader("x-ratelimit-reset", Responses.RATE_LIMIT_RESET)
            .setBody(new Buffer().write(answer.body())); // sets Content-Length
      }
    });
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    try {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getPort() + "/";
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
    return threadIds.contains(threadId) || threadName.startsWith("MockWebServer");
  }

  @Override
  public void close() {
    try {
      server.shutdown();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
