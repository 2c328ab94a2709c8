package io.github.triggerruns.internal.actions;

import io.github.triggerruns.InvalidRequestException;
import io.github.triggerruns.generated.api.RunApi;
import io.github.triggerruns.generated.api.RunsApi;
import io.github.triggerruns.generated.model.ReplayRunV1200Response;
import io.github.triggerruns.generated.model.RescheduleRunRequestBody;
import io.github.triggerruns.generated.model.RescheduleRunRequestBodyDelay;
import io.github.triggerruns.internal.errors.ErrorMapper;
import io.github.triggerruns.internal.json.RetrievedRun;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import retrofit2.Retrofit;

/**
 * One run's details and actions through the generated interfaces: validated before anything is sent, sent
 * when subscribed (on the subscribing thread), failing with the typed exceptions. Retries happen in the HTTP
 * layer, which sends a replay again only when it surely was not processed
 * ({@link io.github.triggerruns.internal.http.RepeatSafety}).
 */
public final class RunActions {
  /** A run id as the API writes them: {@code run_} and letters or digits (the webapp's friendly ids). */
  private static final Pattern RUN_ID = Pattern.compile("run_[A-Za-z0-9]+");

  private final RunsApi runs;
  /** Makes {@link RunApi} when a call needs it (see the constructor). */
  private final Retrofit retrofit;
  private final Clock clock;
  private final Duration callTimeout;
  private final boolean publicAccessToken;

  /**
   * Calls through {@code runs}, and through {@link RunApi} made from {@code retrofit} when a run is retrieved:
   * made eagerly, a Retrofit proxy of an interface an app never calls is a cast R8's full mode turns into a
   * ClassCastException (it sees no implementation of the interface and its rules keep none). {@code clock}
   * tells a past reschedule time from a future one; {@code callTimeout} is named in the error of a call that
   * runs out of it. With {@code publicAccessToken}, the actions the server refuses to a token are refused
   * here first.
   */
  public RunActions(RunsApi runs, Retrofit retrofit, Clock clock, Duration callTimeout, boolean publicAccessToken) {
    this.runs = runs;
    this.retrofit = retrofit;
    this.clock = clock;
    this.callTimeout = callTimeout;
    this.publicAccessToken = publicAccessToken;
  }

  /** {@code GET /api/v3/runs/{id}}. */
  public Single<RetrievedRun> retrieve(String runId) {
    String id = checkedRunId(runId);
    return typed(Single.defer(() -> retrofit.create(RunApi.class).retrieveRunV1(id).singleOrError()).map(RetrievedRun.class::cast));
  }

  /** {@code POST /api/v2/runs/{id}/cancel}. */
  public Completable cancel(String runId) {
    String id = checkedRunId(runId);
    return Completable.defer(() -> runs.cancelRunV1(id).ignoreElements())
        .onErrorResumeNext(e -> Completable.error(ErrorMapper.map(e, callTimeout)));
  }

  /** {@code POST /api/v1/runs/{id}/replay}: the new run's id. */
  public Single<String> replay(String runId) {
    String id = checkedRunId(runId);
    requireSecretKey("Replaying a run");
    return typed(Single.defer(() -> runs.replayRunV1(id).singleOrError()).map(ReplayRunV1200Response::getId));
  }

  /** {@code POST /api/v1/runs/{id}/reschedule} with a delay from now, in whole seconds. */
  public Single<RetrievedRun> reschedule(String runId, Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative() || delay.isZero() || delay.getNano() != 0) {
      throw new InvalidRequestException("A reschedule delay is a positive number of whole seconds (the server"
          + " reads it as e.g. \"90s\"), not " + delay + ". Round it, or pass an Instant.");
    }
    return reschedule(runId, delay.getSeconds() + "s");
  }

  /** {@code POST /api/v1/runs/{id}/reschedule} until {@code until}, which must be in the future. */
  public Single<RetrievedRun> reschedule(String runId, Instant until) {
    Objects.requireNonNull(until, "until");
    if (!until.isAfter(clock.instant())) {
      throw new InvalidRequestException("A run can only be rescheduled to a time in the future, not " + until
          + " (the server answers 400 \"Invalid delay\" for it). Pass a later Instant, or a Duration.");
    }
    return reschedule(runId, until.toString());
  }

  private Single<RetrievedRun> reschedule(String runId, String delay) {
    String id = checkedRunId(runId);
    requireSecretKey("Rescheduling a run");
    RescheduleRunRequestBody body = new RescheduleRunRequestBody().delay(RescheduleRunRequestBodyDelay.of(delay));
    return typed(Single.defer(() -> runs.rescheduleRunV1(id, body).singleOrError()).map(RetrievedRun.class::cast));
  }

  /**
   * The replay and reschedule routes do not accept a public access token (replay's route builder has no
   * {@code allowJWT}; reschedule authenticates API keys only): the server would answer 401 "Invalid API Key",
   * which reads as a wrong key.
   */
  private void requireSecretKey(String action) {
    if (publicAccessToken) {
      throw new InvalidRequestException(action + " needs the environment's secret key: the server refuses"
          + " public access tokens here (a token may list, retrieve and cancel runs, and subscribe). Do it on a"
          + " backend that has TRIGGER_SECRET_KEY.");
    }
  }

  private <T> Single<T> typed(Single<T> call) {
    return call.onErrorResumeNext(e -> Single.error(ErrorMapper.map(e, callTimeout)));
  }

  /** {@code runId}, checked to be a run id before it goes into a URL path. */
  public static String checkedRunId(String runId) {
    if (runId == null || !RUN_ID.matcher(runId).matches()) {
      throw new InvalidRequestException("\"" + runId + "\" is not a run id: run ids start with run_ followed by"
          + " letters and digits, as Run.getId() returns them (e.g. run_cm1a2b3c4d5e6f7g8h9i0j).");
    }
    return runId;
  }
}
