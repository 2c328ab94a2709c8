package io.github.triggerruns;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The status of a run: an open set, not a closed enum, because the live API adds values before any spec
 * lists them. Constants cover the 17 values the server accepts in {@code filter[status]};
 * {@link #of(String)} returns the constant for a known value and a new instance for any other, keeping
 * the raw string so nothing the server sent is lost.
 */
public final class RunStatus {
  public static final RunStatus PENDING_VERSION = new RunStatus("PENDING_VERSION", false);
  public static final RunStatus DELAYED = new RunStatus("DELAYED", false);
  public static final RunStatus QUEUED = new RunStatus("QUEUED", false);
  public static final RunStatus DEQUEUED = new RunStatus("DEQUEUED", false);
  public static final RunStatus EXECUTING = new RunStatus("EXECUTING", false);
  public static final RunStatus WAITING = new RunStatus("WAITING", false);
  public static final RunStatus COMPLETED = new RunStatus("COMPLETED", true);
  public static final RunStatus CANCELED = new RunStatus("CANCELED", true);
  public static final RunStatus FAILED = new RunStatus("FAILED", true);
  public static final RunStatus CRASHED = new RunStatus("CRASHED", true);
  public static final RunStatus SYSTEM_FAILURE = new RunStatus("SYSTEM_FAILURE", true);
  public static final RunStatus EXPIRED = new RunStatus("EXPIRED", true);
  public static final RunStatus TIMED_OUT = new RunStatus("TIMED_OUT", true);
  /** Legacy name, sent without {@code x-trigger-api-version}; this client always sends it. */
  public static final RunStatus WAITING_FOR_DEPLOY = new RunStatus("WAITING_FOR_DEPLOY", false);
  /** Legacy name. */
  public static final RunStatus REATTEMPTING = new RunStatus("REATTEMPTING", false);
  /** Legacy name. */
  public static final RunStatus FROZEN = new RunStatus("FROZEN", false);
  /** Legacy name; terminal. */
  public static final RunStatus INTERRUPTED = new RunStatus("INTERRUPTED", true);

  private static final Map<String, RunStatus> KNOWN;

  static {
    Map<String, RunStatus> known = new LinkedHashMap<>();
    for (RunStatus status : Arrays.asList(PENDING_VERSION, DELAYED, QUEUED, DEQUEUED, EXECUTING, WAITING,
        COMPLETED, CANCELED, FAILED, CRASHED, SYSTEM_FAILURE, EXPIRED, TIMED_OUT, WAITING_FOR_DEPLOY,
        REATTEMPTING, FROZEN, INTERRUPTED)) {
      known.put(status.value, status);
    }
    KNOWN = Collections.unmodifiableMap(known);
  }

  private final String value;
  private final boolean terminal;

  private RunStatus(String value, boolean terminal) {
    this.value = value;
    this.terminal = terminal;
  }

  /**
   * The status for a raw value: the constant when known, otherwise a new status that keeps the value.
   *
   * @throws IllegalArgumentException when the value is blank
   */
  public static RunStatus of(String value) {
    Objects.requireNonNull(value, "value");
    RunStatus known = KNOWN.get(value);
    if (known != null) {
      return known;
    }
    if (value.trim().isEmpty()) {
      throw new IllegalArgumentException("A run status cannot be blank.");
    }
    return new RunStatus(value, false);
  }

  /** The 17 values the server accepts in a status filter, current names first, then legacy ones. */
  public static Iterable<RunStatus> knownValues() {
    return KNOWN.values();
  }

  /** The raw value, as the server sends and accepts it. */
  public String getValue() {
    return value;
  }

  /** Whether this client knows the value; unknown values come from servers newer than this client. */
  public boolean isKnown() {
    return KNOWN.get(value) == this;
  }

  /**
   * Whether the run has finished for good: COMPLETED, CANCELED, FAILED, CRASHED, SYSTEM_FAILURE,
   * EXPIRED, TIMED_OUT or INTERRUPTED. Pollers must stop on this, not on the server's {@code isCompleted},
   * which is false for EXPIRED and TIMED_OUT. Unknown values are not terminal.
   */
  public boolean isTerminal() {
    return terminal;
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof RunStatus && value.equals(((RunStatus) o).value));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
