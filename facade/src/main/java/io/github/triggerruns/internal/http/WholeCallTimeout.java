package io.github.triggerruns.internal.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import org.jspecify.annotations.Nullable;

/**
 * Bounds a whole logical call (every attempt, the waits between them, and reading the answer's body) as
 * OkHttp's own call timeout does, without waking a thread for every call. The client turns OkHttp's off and
 * puts this first in the chain instead.
 *
 * <p>OkHttp arms an Okio {@code AsyncTimeout} per call, and arming one wakes Okio's watchdog thread whenever
 * it lands at the head of the watchdog's queue, as it does for calls made one after another: 10 µs of the
 * calling thread a call, 2-3% of the CPU a 100-run page costs when paging a fast server (see
 * {@code bench/README.md}). Here a call joins the bucket of calls whose deadlines fall in the same tick (a
 * sixteenth of the timeout, at most a second), a call that finishes leaves it, and one task per bucket, on a
 * shared JDK timer, cancels the calls still in it. The timer is woken once a tick while calls are made, not
 * once a call, and a call is cut off at most one tick after its deadline.
 */
public final class WholeCallTimeout implements Interceptor {
  private static final long MAX_TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final int TICKS_PER_TIMEOUT = 16;
  /** Longer than any call; keeps the deadline arithmetic below clear of overflow for any Duration. */
  private static final Duration LONGEST = Duration.ofDays(365L * 50);
  /** Deadlines are counted from here, so they stay positive and bucket numbers round the same way. */
  private static final long ORIGIN = System.nanoTime();
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final Duration timeout;
  private final long timeoutNanos;
  private final long tickNanos;
  /** The bucket with the latest deadlines; calls join it, or start the next one. */
  private final AtomicReference<@Nullable Bucket> latest = new AtomicReference<>();

  /** Cuts off calls that take longer than {@code timeout}. */
  public WholeCallTimeout(Duration timeout) {
    this.timeout = timeout;
    this.timeoutNanos = (timeout.compareTo(LONGEST) > 0 ? LONGEST : timeout).toNanos();
    this.tickNanos = Math.max(1, Math.min(MAX_TICK_NANOS, timeoutNanos / TICKS_PER_TIMEOUT));
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Deadline deadline = start(chain.call());
    Response response;
    try {
      response = chain.proceed(chain.request());
    } catch (IOException e) {
      deadline.end();
      throw deadline.explain(e);
    } catch (RuntimeException | Error e) {
      deadline.end();
      throw e;
    }
    ResponseBody body = response.body();
    if (body == null) {
      deadline.end();
      return response;
    }
    // The deadline covers the body too: it is read after this returns, while decoding.
    return response.newBuilder().body(new BoundedBody(body, deadline)).build();
  }

  private Deadline start(Call call) {
    long tick = (System.nanoTime() - ORIGIN + timeoutNanos) / tickNanos + 1;
    Bucket bucket = bucketFor(tick);
    Deadline deadline = new Deadline(call, bucket, timeout);
    bucket.calls.add(deadline);
    if (bucket.fired && bucket.calls.remove(deadline)) {
      // This thread stalled past its own deadline before joining, and the bucket has already been through.
      deadline.expire();
    }
    return deadline;
  }

  private Bucket bucketFor(long tick) {
    while (true) {
      Bucket current = latest.get();
      // A later bucket (another thread read the clock after this one) is joined: at most a tick later.
      if (current != null && current.tick >= tick) {
        return current;
      }
      Bucket next = new Bucket(tick);
      if (latest.compareAndSet(current, next)) {
        TIMER.schedule(next, tick * tickNanos - (System.nanoTime() - ORIGIN), TimeUnit.NANOSECONDS);
        return next;
      }
    }
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "trigger-runs call timeouts");
      thread.setDaemon(true);
      // Not the creating thread's: that would keep an application server's web-app class loader alive.
      thread.setContextClassLoader(null);
      return thread;
    });
    // Like Okio's watchdog, the thread goes away after a minute with nothing to time.
    timer.setKeepAliveTime(60, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
    return timer;
  }

  /** The calls whose deadlines fall in one tick; cancels those still running when the tick comes. */
  private static final class Bucket implements Runnable {
    final long tick;
    final Set<Deadline> calls = Collections.newSetFromMap(new ConcurrentHashMap<>());
    volatile boolean fired;

    Bucket(long tick) {
      this.tick = tick;
    }

    @Override
    public void run() {
      fired = true;
      for (Deadline deadline : calls) {
        // Whoever removes a call decides: a call that finished just now is not cancelled after all.
        if (!calls.remove(deadline)) {
          continue;
        }
        try {
          deadline.expire();
        } catch (RuntimeException e) {
          // A shared client's EventListener failing on cancel must not spare the calls after it.
          Thread thread = Thread.currentThread();
          thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
        }
      }
    }
  }

  /** One call's membership of its bucket. */
  private static final class Deadline {
    private final Call call;
    private final Bucket bucket;
    private final Duration timeout;
    private volatile boolean expired;

    Deadline(Call call, Bucket bucket, Duration timeout) {
      this.call = call;
      this.bucket = bucket;
      this.timeout = timeout;
    }

    /** Called once, by whoever removed this from its bucket. */
    void expire() {
      expired = true;
      call.cancel();
    }

    void end() {
      bucket.calls.remove(this);
    }

    /** {@code failure}, or when the deadline cancelled the call, a timeout caused by it. */
    IOException explain(IOException failure) {
      if (!expired) {
        return failure;
      }
      return new CallTimeoutException(timeout, failure);
    }
  }

  /** The answer's body, leaving the bucket when read to the end, failed or closed. */
  private static final class BoundedBody extends ResponseBody {
    private final ResponseBody body;
    private final Deadline deadline;
    private @Nullable BufferedSource source;

    BoundedBody(ResponseBody body, Deadline deadline) {
      this.body = body;
      this.deadline = deadline;
    }

    @Override
    public @Nullable MediaType contentType() {
      return body.contentType();
    }

    @Override
    public long contentLength() {
      return body.contentLength();
    }

    @Override
    public BufferedSource source() {
      if (source == null) {
        source = Okio.buffer(new ForwardingSource(body.source()) {
          @Override
          public long read(Buffer sink, long byteCount) throws IOException {
            try {
              long read = super.read(sink, byteCount);
              if (read == -1) {
                deadline.end();
              }
              return read;
            } catch (IOException e) {
              deadline.end();
              throw deadline.explain(e);
            }
          }

          @Override
          public void close() throws IOException {
            deadline.end();
            super.close();
          }
        });
      }
      return source;
    }
  }
}
