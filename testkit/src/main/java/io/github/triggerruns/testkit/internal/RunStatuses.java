package io.github.triggerruns.testkit.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Run status names: which ones the filter accepts, how a stored status is shown to each API
 * version, and which statuses a filter value selects.
 *
 * <p>A {@code FakeRun} stores one of the 17 names (or any other string, to test a client against
 * statuses that do not exist yet). The names stand for the live server's internal statuses: each
 * name is its own internal status except WAITING and FROZEN, which are the same one (a run waiting
 * to resume). Rendering follows the live presenter ({@code ApiRetrieveRunPresenter}):
 *
 * <ul>
 *   <li>with {@code x-trigger-api-version: 2025-07-16}: WAITING_FOR_DEPLOY is shown as
 *       PENDING_VERSION, FROZEN as WAITING, REATTEMPTING as EXECUTING and INTERRUPTED as FAILED, so
 *       only the 13 current names appear;
 *   <li>without it (or with any other version): WAITING is shown as FROZEN and DEQUEUED as
 *       EXECUTING; WAITING_FOR_DEPLOY, REATTEMPTING and INTERRUPTED keep their legacy names.
 * </ul>
 *
 * <p>Filtering follows the live {@code apiStatusToRunStatuses}: a filter value selects exactly its
 * own internal status, whatever the API version (so {@code FAILED} does not select INTERRUPTED runs,
 * although they are shown as FAILED to current clients).
 */
public final class RunStatuses {
  /** The API version whose status names are the current ones. */
  public static final String CURRENT_API_VERSION = "2025-07-16";

  /** The 13 names current clients see. */
  public static final Set<String> CURRENT =
      ordered(
          "DELAYED", "PENDING_VERSION", "QUEUED", "DEQUEUED", "EXECUTING", "WAITING", "COMPLETED",
          "CANCELED", "FAILED", "CRASHED", "SYSTEM_FAILURE", "EXPIRED", "TIMED_OUT");

  /** The 4 names only legacy clients see. */
  public static final Set<String> LEGACY_ONLY =
      ordered("WAITING_FOR_DEPLOY", "REATTEMPTING", "FROZEN", "INTERRUPTED");

  /** The 17 values {@code filter[status]} accepts (case-sensitive). */
  public static final Set<String> ACCEPTED = union(CURRENT, LEGACY_ONLY);

  /** Statuses after which a run never changes again: they carry {@code finishedAt}. */
  public static final Set<String> TERMINAL =
      ordered(
          "COMPLETED", "CANCELED", "FAILED", "CRASHED", "SYSTEM_FAILURE", "EXPIRED", "TIMED_OUT",
          "INTERRUPTED");

  private RunStatuses() {}

  /**
   * How a run stored with {@code status} is shown to a client of the current API version
   * ({@code currentApi}) or to a legacy one.
   */
  public static String render(String status, boolean currentApi) {
    if (currentApi) {
      switch (status) {
        case "WAITING_FOR_DEPLOY":
          return "PENDING_VERSION";
        case "FROZEN":
          return "WAITING";
        case "REATTEMPTING":
          return "EXECUTING";
        case "INTERRUPTED":
          return "FAILED";
        default:
          return status;
      }
    }
    switch (status) {
      case "WAITING":
        return "FROZEN";
      case "DEQUEUED":
        return "EXECUTING";
      default:
        return status;
    }
  }

  /** Whether the request header selects the current names. */
  public static boolean isCurrentApi(String apiVersionHeader) {
    return CURRENT_API_VERSION.equals(apiVersionHeader);
  }

  /** Whether {@code filterValue} (one of {@link #ACCEPTED}) selects a run stored as {@code status}. */
  public static boolean selects(String filterValue, String status) {
    return filterValue.equals(status) || (isWaiting(filterValue) && isWaiting(status));
  }

  /** Whether a stored status is terminal. */
  public static boolean isTerminal(String status) {
    return TERMINAL.contains(status);
  }

  private static boolean isWaiting(String status) {
    return "WAITING".equals(status) || "FROZEN".equals(status);
  }

  private static Set<String> ordered(String... names) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(names)));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    LinkedHashSet<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return Collections.unmodifiableSet(all);
  }
}
