package io.github.triggerruns.internal.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShapeLogTest {
  private static final String UP_TO_DATE = "{\"headers\":{\"control\":\"up-to-date\"}}";
  private static final String MUST_REFETCH = "{\"headers\":{\"control\":\"must-refetch\"}}";

  private final ShapeLog log = new ShapeLog();

  private static String change(String op, String key, String value) {
    return "{\"key\":\"" + key + "\",\"value\":" + value + ",\"headers\":{\"operation\":\"" + op + "\"}}";
  }

  private ShapeLog.Applied apply(String... messages) {
    JsonArray array = JsonParser.parseString("[" + String.join(",", messages) + "]").getAsJsonArray();
    return log.apply(array);
  }

  @Test
  void rowsAreEmittedOnlyOnceTheServerSaysUpToDate() {
    ShapeLog.Applied first = apply(change("insert", "a", "{\"status\":\"PENDING\"}"));
    assertThat(first.rows).isEmpty();
    assertThat(first.upToDate).isFalse();

    ShapeLog.Applied second = apply(change("update", "a", "{\"status\":\"EXECUTING\"}"), UP_TO_DATE);
    assertThat(second.upToDate).isTrue();
    assertThat(second.rows).extracting(row -> row.get("status")).containsExactly("EXECUTING");
  }

  @Test
  void anUpdateMergesItsColumnsIntoTheRow() {
    apply(change("insert", "a", "{\"status\":\"PENDING\",\"runTags\":null,\"number\":\"3\"}"), UP_TO_DATE);
    Map<String, String> row = apply(change("update", "a", "{\"status\":\"EXECUTING\"}"), UP_TO_DATE).rows.get(0);
    assertThat(row).containsEntry("status", "EXECUTING").containsEntry("number", "3").containsKey("runTags");
  }

  @Test
  void aRowChangedTwiceInOneBatchIsEmittedOnceInItsLatestState() {
    ShapeLog.Applied applied = apply(change("insert", "a", "{\"status\":\"PENDING\"}"),
        change("insert", "b", "{\"status\":\"PENDING\"}"),
        change("update", "a", "{\"status\":\"EXECUTING\"}"), UP_TO_DATE);
    assertThat(applied.rows).extracting(row -> row.get("status")).containsExactly("EXECUTING", "PENDING");
  }

  @Test
  void aRowSentAgainUnchangedIsNotEmittedAgain() {
    String row = "{\"status\":\"EXECUTING\",\"updatedAt\":\"2025-01-01T00:00:00.000\"}";
    assertThat(apply(change("insert", "a", row), UP_TO_DATE).rows).hasSize(1);
    assertThat(apply(change("update", "a", row), UP_TO_DATE).rows).isEmpty();
  }

  @Test
  void mustRefetchDropsTheRowsButDoesNotRepeatUnchangedOnes() {
    apply(change("insert", "a", "{\"status\":\"EXECUTING\"}"), change("insert", "b", "{\"status\":\"PENDING\"}"),
        UP_TO_DATE);
    ShapeLog.Applied reset = apply(MUST_REFETCH);
    assertThat(reset.mustRefetch).isTrue();

    ShapeLog.Applied snapshot = apply(change("insert", "a", "{\"status\":\"EXECUTING\"}"),
        change("insert", "b", "{\"status\":\"COMPLETED_SUCCESSFULLY\"}"), UP_TO_DATE);
    assertThat(snapshot.rows).extracting(row -> row.get("status")).containsExactly("COMPLETED_SUCCESSFULLY");
  }

  @Test
  void afterMustRefetchAPartialUpdateDoesNotMergeIntoTheDroppedRow() {
    apply(change("insert", "a", "{\"status\":\"EXECUTING\",\"number\":\"1\"}"), UP_TO_DATE);
    log.mustRefetch();
    Map<String, String> row = apply(change("update", "a", "{\"status\":\"CRASHED\"}"), UP_TO_DATE).rows.get(0);
    assertThat(row).containsOnlyKeys("status");
  }

  @Test
  void aDeletedRowComesBackAsNew() {
    String row = "{\"status\":\"EXECUTING\"}";
    apply(change("insert", "a", row), UP_TO_DATE);
    assertThat(apply(change("delete", "a", "{}"), UP_TO_DATE).rows).isEmpty();
    assertThat(apply(change("insert", "a", row), UP_TO_DATE).rows).hasSize(1);
  }

  @Test
  void aMessageWithoutKeyOrControlIsRefused() {
    assertThatThrownBy(() -> apply("{\"value\":{}}")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither a control nor a key");
  }
}
