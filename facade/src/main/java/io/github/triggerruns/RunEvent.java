package io.github.triggerruns;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A change {@link Runs#watch(RunFilter, WatchOptions)} noticed in a run between two polls. Immutable.
 *
 * <p>For every run it sees, a watch emits exactly one {@link Type#CREATED}, then an {@link Type#UPDATED}
 * for each change it notices while the run is still going, and exactly one {@link Type#FINISHED} when it
 * sees the run in a terminal status ({@link RunStatus#isTerminal()}). A run seen for the first time when it
 * has already finished (common for short tasks, which can start and end between two polls) gets CREATED
 * followed at once by FINISHED, so that counting FINISHED events counts every finished run. After FINISHED
 * a run gets no more events.
 */
public final class RunEvent {
  /** What happened to the run. */
  public enum Type {
    /** The watch sees the run for the first time (it may have been created before the watch started). */
    CREATED,
    /** The run's status or {@code updatedAt} changed, and it has not finished. */
    UPDATED,
    /** The run reached a terminal status; the last event of this run. */
    FINISHED
  }

  private final Type type;
  private final Run run;
  private final @Nullable RunStatus previousStatus;

  /**
   * Built by the watch; public so that code consuming events can be tested without a server.
   *
   * @param previousStatus the status before the change: null for CREATED, and for FINISHED of a run first
   *     seen finished
   */
  public RunEvent(Type type, Run run, @Nullable RunStatus previousStatus) {
    this.type = Objects.requireNonNull(type, "type");
    this.run = Objects.requireNonNull(run, "run");
    this.previousStatus = previousStatus;
  }

  /** What happened. */
  public Type getType() {
    return type;
  }

  /** The run as the poll that noticed the change read it. */
  public Run getRun() {
    return run;
  }

  /**
   * The run's status before this change, as the watch last saw it. Null for CREATED, and for the FINISHED
   * that follows CREATED when a run is first seen already finished; for an UPDATED that only moved
   * {@code updatedAt}, equal to the current status.
   */
  public @Nullable RunStatus getPreviousStatus() {
    return previousStatus;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof RunEvent)) {
      return false;
    }
    RunEvent that = (RunEvent) o;
    return type == that.type && run.equals(that.run) && Objects.equals(previousStatus, that.previousStatus);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, run, previousStatus);
  }

  @Override
  public String toString() {
    return "RunEvent{" + type + ' ' + run.getId() + ' '
        + (previousStatus == null ? "" : previousStatus + " -> ") + run.getStatus() + '}';
  }
}
