package io.github.triggerruns.internal.realtime;

import io.github.triggerruns.InvalidRequestException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The columns of a realtime run row, as the server's {@code RUN_ELECTRIC_COLUMNS} lists them
 * (electricStreamProtocol.server.ts), and the ones it never skips.
 */
public final class RunColumns {
  public static final String ID = "id";
  public static final String TASK_IDENTIFIER = "taskIdentifier";
  public static final String CREATED_AT = "createdAt";
  public static final String UPDATED_AT = "updatedAt";
  public static final String STARTED_AT = "startedAt";
  public static final String DELAY_UNTIL = "delayUntil";
  public static final String QUEUED_AT = "queuedAt";
  public static final String EXPIRED_AT = "expiredAt";
  public static final String COMPLETED_AT = "completedAt";
  public static final String FRIENDLY_ID = "friendlyId";
  public static final String NUMBER = "number";
  public static final String IS_TEST = "isTest";
  public static final String STATUS = "status";
  public static final String USAGE_DURATION_MS = "usageDurationMs";
  public static final String COST_IN_CENTS = "costInCents";
  public static final String BASE_COST_IN_CENTS = "baseCostInCents";
  public static final String TTL = "ttl";
  public static final String PAYLOAD = "payload";
  public static final String PAYLOAD_TYPE = "payloadType";
  public static final String METADATA = "metadata";
  public static final String METADATA_TYPE = "metadataType";
  public static final String OUTPUT = "output";
  public static final String OUTPUT_TYPE = "outputType";
  public static final String RUN_TAGS = "runTags";
  public static final String ERROR = "error";
  public static final String REALTIME_STREAMS = "realtimeStreams";

  /** Every column, in the server's order. */
  public static final Set<String> ALL = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(ID,
      TASK_IDENTIFIER, CREATED_AT, UPDATED_AT, STARTED_AT, DELAY_UNTIL, QUEUED_AT, EXPIRED_AT, COMPLETED_AT,
      FRIENDLY_ID, NUMBER, IS_TEST, STATUS, USAGE_DURATION_MS, COST_IN_CENTS, BASE_COST_IN_CENTS, TTL, PAYLOAD,
      PAYLOAD_TYPE, METADATA, METADATA_TYPE, OUTPUT, OUTPUT_TYPE, RUN_TAGS, ERROR, REALTIME_STREAMS)));

  /** The columns the server sends even when asked to skip them ({@code RESERVED_COLUMNS}). */
  public static final Set<String> RESERVED = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(
      ID, TASK_IDENTIFIER, FRIENDLY_ID, STATUS, CREATED_AT)));

  private RunColumns() {}

  /**
   * {@code column}, checked to be one a feed can be asked to skip.
   *
   * @throws InvalidRequestException for a column the realtime API does not have, or one it always sends
   */
  public static String checkedSkippable(String column) {
    Objects.requireNonNull(column, "column");
    if (RESERVED.contains(column)) {
      throw new InvalidRequestException("The realtime API always sends column \"" + column
          + "\"; it cannot be skipped. Skippable columns: " + skippable());
    }
    if (!ALL.contains(column)) {
      throw new InvalidRequestException("\"" + column + "\" is not a realtime run column. Skippable"
          + " columns: " + skippable());
    }
    return column;
  }

  private static Set<String> skippable() {
    Set<String> columns = new LinkedHashSet<>(ALL);
    columns.removeAll(RESERVED);
    return columns;
  }
}
