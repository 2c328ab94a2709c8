package io.github.triggerruns.internal.realtime;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Realtime rows carry the database's status names (PENDING, COMPLETED_SUCCESSFULLY, ...), not the API's.
 * This is the official SDK's {@code apiStatusFromRunStatus} (packages/core runStream.ts), with one
 * deliberate difference: the SDK turns every name it does not know into QUEUED, which would show a run of a
 * newer server as queued for ever; here an unknown name is kept as it is (RunStatus keeps unknown values).
 */
public final class DatabaseStatuses {
  private static final Map<String, String> API_NAMES;

  static {
    Map<String, String> names = new HashMap<>();
    names.put("PENDING", "QUEUED");
    names.put("WAITING_FOR_DEPLOY", "PENDING_VERSION");
    names.put("PAUSED", "WAITING");
    names.put("WAITING_TO_RESUME", "WAITING");
    names.put("RETRYING_AFTER_FAILURE", "EXECUTING");
    names.put("COMPLETED_SUCCESSFULLY", "COMPLETED");
    names.put("INTERRUPTED", "FAILED");
    names.put("COMPLETED_WITH_ERRORS", "FAILED");
    API_NAMES = Collections.unmodifiableMap(names);
  }

  private DatabaseStatuses() {}

  /** The API's name for database status {@code name}; names that are the same in both pass unchanged. */
  public static String apiName(String name) {
    String api = API_NAMES.get(name);
    return api == null ? name : api;
  }
}
