package io.github.triggerruns.internal.realtime;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.github.triggerruns.AuthenticationException;
import io.github.triggerruns.PermissionDeniedException;
import io.github.triggerruns.ResponseDecodingException;
import io.github.triggerruns.internal.errors.ErrorMapper;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.exceptions.Exceptions;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * A realtime feed as a stream of rows (column name to text value): the Electric shape protocol as the
 * official SDK's client speaks it to the server.
 *
 * <ol>
 *   <li>A snapshot: {@code offset=-1}. Each answer names the shape's {@code electric-handle} and the
 *       {@code electric-offset} to continue from; the next request sends them back as {@code handle} and
 *       {@code offset}.</li>
 *   <li>Once an answer ends with {@code up-to-date}, requests are live ({@code live=true}, with the
 *       {@code cursor} from {@code electric-cursor}): the server holds each until a row changes, or about
 *       20 s, then answers with the changes or a bare up-to-date.</li>
 *   <li>A 409, or a {@code must-refetch} message, drops the rows and starts again from a snapshot under the
 *       handle the server names; rows that come back unchanged are not emitted again (see {@link ShapeLog}).</li>
 *   <li>Connection failures, 5xx and 429 (the per-environment cap on concurrent realtime connections) wait
 *       on the scheduler (the client's backoff: exponential with jitter, capped at its maximum retry delay)
 *       and continue from the last offset, for as long as it takes, as the SDK's shape client does. Other
 *       answers (401, 403, 404, ...) end the stream with the typed exception.</li>
 * </ol>
 *
 * <p>Polls run one after another as blocking calls on one of the scheduler's threads; only a backoff wait
 * gives the thread back (the poll after it is a task scheduled after the wait). So a subscription holds the
 * one thread of its call in flight, and no timer but a backoff wait. Rows are emitted on that thread; the
 * next poll starts once downstream has taken them. Disposing cancels the call in flight (its socket is
 * closed at once) and the pending task.
 */
public final class ShapeStream extends Observable<Map<String, @Nullable String>> {
  private static final String INITIAL_OFFSET = "-1";

  private final RealtimeTransport transport;
  private final ShapeFeed feed;

  /** A stream of {@code feed}'s rows; nothing is sent before subscription. */
  public ShapeStream(RealtimeTransport transport, ShapeFeed feed) {
    this.transport = transport;
    this.feed = feed;
  }

  @Override
  protected void subscribeActual(Observer<? super Map<String, @Nullable String>> observer) {
    Poller poller = new Poller(observer);
    observer.onSubscribe(poller);
    poller.schedule(Duration.ZERO);
  }

  private final class Poller implements Runnable, Disposable {
    private final Observer<? super Map<String, @Nullable String>> downstream;
    private final ShapeLog log = new ShapeLog();
    private final AtomicReference<@Nullable Disposable> task = new AtomicReference<>();
    private volatile @Nullable Call call;
    private volatile boolean disposed;
    private @Nullable String handle;
    private String offset = INITIAL_OFFSET;
    private @Nullable String cursor;
    private boolean live;
    private int failures;

    Poller(Observer<? super Map<String, @Nullable String>> downstream) {
      this.downstream = downstream;
    }

    void schedule(Duration delay) {
      if (disposed) {
        return;
      }
      Disposable next = delay.isZero() ? transport.scheduler.scheduleDirect(this)
          : transport.scheduler.scheduleDirect(this, delay.toMillis(), TimeUnit.MILLISECONDS);
      task.set(next);
      if (disposed) {
        next.dispose();
      }
    }

    /**
     * Polls until a wait is due or the stream ends. The next poll after an answer runs on this same thread:
     * handing it to the scheduler would take another of its threads while this one is still finishing, and
     * leave a trail of idle workers behind every subscription.
     */
    @Override
    public void run() {
      Duration wait = Duration.ZERO;
      while (wait != null && wait.isZero() && !disposed) {
        wait = poll();
      }
      if (wait != null && !disposed) {
        schedule(wait);
      }
    }

    /** One request and its answer; returns the wait before the next, or null when the stream ended. */
    private @Nullable Duration poll() {
      Call current = transport.http.newCall(request());
      call = current;
      if (disposed) {
        current.cancel();
        return null;
      }
      try (Response response = current.execute()) {
        return answer(response);
      } catch (IOException e) {
        return disposed ? null : waitOrFail(e);
      } catch (Throwable t) {
        Exceptions.throwIfFatal(t);
        fail(t);
        return null;
      }
    }

    /** Handles one answer; returns the wait before the next poll, or null when the stream ended. */
    private @Nullable Duration answer(Response response) throws IOException {
      int code = response.code();
      if (code == 409) {
        restart(header(response, "electric-handle", "electric-shape-id"));
        // A reset is answered at once; a server that keeps resetting is waited for like a failing one.
        if (failures == 0) {
          failures++;
          return Duration.ZERO;
        }
        return waitOrFail(new IOException("The realtime API reset " + feed.description() + " again (409)"));
      }
      if (!response.isSuccessful()) {
        // As Electric's client: 5xx and 429 are retried, other answers end the stream whatever
        // x-should-retry says (the batch route sends it with a 404 it expects shape clients to honour as final).
        Duration wait = code >= 500 || code == 429 ? transport.backoff.afterResponse(response, failures) : null;
        if (wait == null) {
          fail(error(response));
          return null;
        }
        failures++;
        return wait;
      }
      String text = bodyText(response);
      JsonArray messages = messagesOrNull(text);
      if (messages == null) {
        // As Electric's client (1.5.5): a 200 that is not a JSON array (a captive portal, a proxy's page) is
        // waited out like a failed request, not the end of the stream.
        return waitOrFail(new IOException("The realtime answer for " + feed.description() + " is not a JSON array"
            + " of shape messages"));
      }
      String nextHandle = header(response, "electric-handle", "electric-shape-id");
      String nextOffset = header(response, "electric-offset", "electric-chunk-last-offset");
      String nextCursor = response.header("electric-cursor");
      if (nextHandle == null && handle == null || nextOffset == null) {
        // Without them the next request would start over, again and again (Electric: MissingHeadersError).
        throw decodingError(response, text, "has no electric-handle or electric-offset header (a proxy"
            + " between this client and the API may drop them)", null);
      }
      ShapeLog.Applied applied;
      try {
        applied = log.apply(messages);
      } catch (IllegalArgumentException e) {
        throw decodingError(response, text, "holds a message this client cannot read: " + e.getMessage(), e);
      }
      failures = 0;
      if (applied.mustRefetch) {
        restart(nextHandle);
        return Duration.ZERO;
      }
      if (nextHandle != null) {
        handle = nextHandle;
      }
      offset = nextOffset;
      if (nextCursor != null) {
        cursor = nextCursor;
      }
      if (applied.upToDate) {
        live = true;
      }
      for (Map<String, @Nullable String> row : applied.rows) {
        if (disposed) {
          return null;
        }
        downstream.onNext(row);
      }
      return disposed ? null : Duration.ZERO;
    }

    /** The wait after a failed poll (counted), or null when the stream ended with the failure. */
    private @Nullable Duration waitOrFail(IOException failure) {
      Duration wait = transport.backoff.afterIoError(failure, failures);
      if (wait == null) {
        fail(ErrorMapper.map(failure, transport.backoff.callTimeout()));
        return null;
      }
      failures++;
      return wait;
    }

    private void restart(@Nullable String newHandle) {
      log.mustRefetch();
      handle = newHandle;
      offset = INITIAL_OFFSET;
      cursor = null;
      live = false;
    }

    private Request request() {
      HttpUrl.Builder url = transport.baseUrl.newBuilder();
      for (String segment : feed.pathSegments()) {
        url.addPathSegment(segment);
      }
      for (Map.Entry<String, String> parameter : feed.query().entrySet()) {
        url.addQueryParameter(parameter.getKey(), parameter.getValue());
      }
      url.addQueryParameter("offset", offset);
      if (handle != null) {
        url.addQueryParameter("handle", handle);
      }
      if (live) {
        url.addQueryParameter("live", "true");
        if (cursor != null) {
          url.addQueryParameter("cursor", cursor);
        }
      }
      return new Request.Builder()
          .url(url.build())
          .header("x-trigger-electric-version", RealtimeTransport.ELECTRIC_VERSION)
          .get()
          .build();
    }

    private String bodyText(Response response) throws IOException {
      ResponseBody body = response.body();
      return body == null ? "" : body.string();
    }

    private @Nullable JsonArray messagesOrNull(String text) {
      try {
        JsonElement parsed = JsonParser.parseString(text);
        return parsed.isJsonArray() ? parsed.getAsJsonArray() : null;
      } catch (RuntimeException notJson) {
        return null;
      }
    }

    private ResponseDecodingException decodingError(Response response, String text, String problem,
        @Nullable Throwable cause) {
      return new ResponseDecodingException("The realtime answer for " + feed.description() + " " + problem,
          response.code(), Collections.unmodifiableMap(response.headers().toMultimap()),
          ErrorMapper.excerpt(text),
          cause != null ? cause : new IllegalArgumentException(problem));
    }

    private RuntimeException error(Response response) throws IOException {
      ResponseBody body = response.body();
      byte[] bytes = body == null ? new byte[0] : body.bytes();
      String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      Map<String, List<String>> headers = Collections.unmodifiableMap(response.headers().toMultimap());
      switch (response.code()) {
        case 401:
          return new AuthenticationException("The realtime API did not accept the key or token (401) for "
              + feed.description() + ": " + text + ". Use the environment's secret key, or a public access"
              + " token that has not expired.", 401, headers, text);
        case 403:
          return new PermissionDeniedException("The key or token may not read " + feed.description()
              + " (403). A public access token needs one of the scopes " + String.join(", ", feed.scopes())
              + ".", 403, headers, text);
        default: {
          MediaType type = body == null ? null : body.contentType();
          return ErrorMapper.fromResponse(retrofit2.Response.error(ResponseBody.create(bytes, type), response));
        }
      }
    }

    private void fail(Throwable error) {
      if (!disposed) {
        disposed = true;
        downstream.onError(error);
      }
    }

    @Override
    public void dispose() {
      disposed = true;
      Disposable pending = task.getAndSet(null);
      if (pending != null) {
        pending.dispose();
      }
      Call current = call;
      if (current != null) {
        current.cancel();
      }
    }

    @Override
    public boolean isDisposed() {
      return disposed;
    }

    private @Nullable String header(Response response, String name, String legacyName) {
      String value = response.header(name);
      return value != null ? value : response.header(legacyName);
    }
  }
}
