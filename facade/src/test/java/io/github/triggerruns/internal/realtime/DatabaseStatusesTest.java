package io.github.triggerruns.internal.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseStatusesTest {
  /** The official SDK's apiStatusFromRunStatus, case by case; the last rows are names it does not list. */
  @ParameterizedTest
  @CsvSource({
      "DELAYED, DELAYED",
      "WAITING_FOR_DEPLOY, PENDING_VERSION",
      "PENDING_VERSION, PENDING_VERSION",
      "PENDING, QUEUED",
      "PAUSED, WAITING",
      "WAITING_TO_RESUME, WAITING",
      "DEQUEUED, DEQUEUED",
      "RETRYING_AFTER_FAILURE, EXECUTING",
      "EXECUTING, EXECUTING",
      "CANCELED, CANCELED",
      "COMPLETED_SUCCESSFULLY, COMPLETED",
      "SYSTEM_FAILURE, SYSTEM_FAILURE",
      "CRASHED, CRASHED",
      "INTERRUPTED, FAILED",
      "COMPLETED_WITH_ERRORS, FAILED",
      "EXPIRED, EXPIRED",
      "TIMED_OUT, TIMED_OUT",
      // The SDK turns these into QUEUED; kept here so a newer server's status is not shown as queued.
      "SOMETHING_NEW, SOMETHING_NEW",
      "QUEUED, QUEUED",
  })
  void mapsTheDatabaseNameToTheApiName(String database, String api) {
    assertThat(DatabaseStatuses.apiName(database)).isEqualTo(api);
  }
}
