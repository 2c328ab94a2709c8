package io.github.triggerruns;

import io.github.triggerruns.internal.errors.ErrorMapper;
import io.github.triggerruns.internal.realtime.RealtimeTransport;
import io.github.triggerruns.internal.realtime.ShapeFeed;
import io.github.triggerruns.internal.realtime.ShapeStream;
import io.reactivex.rxjava3.core.Observable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** Builds the three realtime feeds of {@link Runs} (the SDK's apiClient subscribeTo* calls) and checks their input. */
final class RealtimeSubscriptions {
  /** The characters the server refuses in a tag ({@code UNSAFE_REALTIME_TAG_CHARS}), and the comma that joins them. */
  private static final Pattern UNSAFE_TAG = Pattern.compile("[\\x00-\\x1f\\x7f\\\\\",]");

  private final RealtimeTransport transport;

  RealtimeSubscriptions(RealtimeTransport transport) {
    this.transport = transport;
  }

  Observable<RealtimeRun> run(String runId, SubscribeOptions options) {
    String id = requireId(runId, "runId", "run_1234");
    Objects.requireNonNull(options, "options");
    refuseWindow(options, "subscribeToRun");
    Boolean stop = options.getStopWhenFinished();
    ShapeFeed feed = new ShapeFeed(Arrays.asList("realtime", "v1", "runs", id), skipColumns(options),
        Arrays.asList("read:runs:" + id, "read:runs", "read:tasks:<the run's task>", "read:tags:<one of its tags>",
            "read:batch:<its batch>"),
        "run " + id);
    Observable<RealtimeRun> runs = stream(feed);
    return stop == null || stop ? runs.takeUntil(RealtimeRun::isFinished) : runs;
  }

  Observable<RealtimeRun> tags(Collection<String> tags, SubscribeOptions options) {
    Objects.requireNonNull(tags, "tags");
    Objects.requireNonNull(options, "options");
    if (tags.isEmpty()) {
      throw new InvalidRequestException("subscribeToRunsWithTag needs at least one tag.");
    }
    List<String> checked = new ArrayList<>();
    for (String tag : tags) {
      if (tag == null || tag.isEmpty()) {
        throw new InvalidRequestException("A tag to subscribe to cannot be null or empty.");
      }
      if (UNSAFE_TAG.matcher(tag).find()) {
        throw new InvalidRequestException("Tag \"" + tag + "\" holds a comma, a double quote, a backslash or a"
            + " control character: the realtime API refuses those (tags are sent comma-joined).");
      }
      checked.add(tag);
    }
    refuseStop(options, "subscribeToRunsWithTag");
    Map<String, String> query = new LinkedHashMap<>();
    query.put("tags", String.join(",", checked));
    if (options.getCreatedWithin() != null) {
      query.put("createdAt", options.getCreatedWithin().getSeconds() + "s");
    }
    query.putAll(skipColumns(options));
    List<String> scopes = new ArrayList<>(Arrays.asList("read:runs", "read:tags"));
    for (String tag : checked) {
      scopes.add("read:tags:" + tag);
    }
    return stream(new ShapeFeed(Arrays.asList("realtime", "v1", "runs"), query, scopes,
        "the runs tagged " + String.join(" and ", checked)));
  }

  Observable<RealtimeRun> batch(String batchId, SubscribeOptions options) {
    String id = requireId(batchId, "batchId", "batch_1234");
    Objects.requireNonNull(options, "options");
    refuseWindow(options, "subscribeToBatch");
    refuseStop(options, "subscribeToBatch");
    return stream(new ShapeFeed(Arrays.asList("realtime", "v1", "batches", id), skipColumns(options),
        Arrays.asList("read:batch:" + id, "read:runs"), "batch " + id));
  }

  private Observable<RealtimeRun> stream(ShapeFeed feed) {
    return new ShapeStream(transport, feed).map(row -> {
      try {
        return RealtimeRun.fromColumns(row);
      } catch (IllegalArgumentException e) {
        throw new ResponseDecodingException("A realtime row for " + feed.description() + " holds a value this"
            + " client cannot read: " + e.getMessage(), 200, Collections.emptyMap(), ErrorMapper.excerpt(String.valueOf(row)), e);
      }
    });
  }

  private static Map<String, String> skipColumns(SubscribeOptions options) {
    Map<String, String> query = new LinkedHashMap<>();
    if (!options.getSkipColumns().isEmpty()) {
      query.put("skipColumns", String.join(",", options.getSkipColumns()));
    }
    return query;
  }

  private static String requireId(String id, String name, String example) {
    Objects.requireNonNull(id, name);
    if (id.trim().isEmpty() || !id.equals(id.trim()) || id.contains("/")) {
      throw new InvalidRequestException(name + " must be an id such as " + example + ", not \"" + id + "\".");
    }
    return id;
  }

  private static void refuseWindow(SubscribeOptions options, String method) {
    if (options.getCreatedWithin() != null) {
      throw new InvalidRequestException("createdWithin applies to subscribeToRunsWithTag only; remove it from"
          + " the options given to " + method + ".");
    }
  }

  private static void refuseStop(SubscribeOptions options, String method) {
    if (Boolean.TRUE.equals(options.getStopWhenFinished())) {
      throw new InvalidRequestException(method + " never completes by itself (runs keep joining); remove"
          + " stopWhenFinished, and dispose the subscription when done.");
    }
  }
}
