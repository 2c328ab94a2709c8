package io.github.triggerruns.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.triggerruns.testkit.FakeRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunJsonTest {
  @Test
  void rendersLikeTheLiveItem() {
    FakeRun run =
        FakeRun.builder()
            .id("run_delayed")
            .status("DELAYED")
            .taskIdentifier("send-email")
            .version("20250101.1")
            .env("env_1", "prod", null)
            .createdAt(Instant.parse("2025-07-20T10:00:13Z"))
            .delayedUntil(Instant.parse("2025-07-20T11:00:00Z"))
            .ttl("1h42m")
            .tags("user_1", "org acme")
            .metadata(Map.of("step", "render"))
            .region("us-east-1")
            .build();

    assertThat(Json.compact(RunJson.item(run, true)))
        .isEqualTo(
            "{\"id\":\"run_delayed\",\"status\":\"DELAYED\",\"taskIdentifier\":\"send-email\","
                + "\"version\":\"20250101.1\",\"env\":{\"id\":\"env_1\",\"name\":\"prod\"},"
                + "\"isTest\":false,\"createdAt\":\"2025-07-20T10:00:13.000Z\","
                + "\"updatedAt\":\"2025-07-20T10:00:13.000Z\",\"delayedUntil\":\"2025-07-20T11:00:00.000Z\","
                + "\"ttl\":\"1h42m\",\"tags\":[\"user_1\",\"org acme\"],\"costInCents\":0,"
                + "\"baseCostInCents\":0,\"durationMs\":0,\"isQueued\":true,\"isExecuting\":false,"
                + "\"isWaiting\":false,\"isCompleted\":false,\"isSuccess\":false,\"isFailed\":false,"
                + "\"isCancelled\":false,\"metadata\":{\"step\":\"render\"},\"taskKind\":\"STANDARD\","
                + "\"region\":\"us-east-1\",\"depth\":0}");
  }

  @Test
  void numbersAreWrittenAsJavaScriptWritesThem() {
    assertThat(Json.number(0.0).toString()).isEqualTo("0");
    assertThat(Json.number(0.00292).toString()).isEqualTo("0.00292");
    assertThat(Json.number(0.0001).toString()).isEqualTo("0.0001");
    assertThat(Json.number(491).toString()).isEqualTo("491");
    assertThat(Json.number(3.2).toString()).isEqualTo("3.2");
  }

  @Test
  void legacyClientsSeeLegacyNamesAndBooleans() {
    FakeRun waiting =
        FakeRun.builder().id("run_w").status("WAITING").taskIdentifier("t")
            .createdAt(Instant.EPOCH).build();

    assertThat(RunJson.item(waiting, false).get("status").getAsString()).isEqualTo("FROZEN");
    assertThat(RunJson.item(waiting, false).get("isExecuting").getAsBoolean()).isTrue();
    assertThat(RunJson.item(waiting, true).get("isWaiting").getAsBoolean()).isTrue();
  }

  @Test
  void anEmptyPageHasAnEmptyPagination() {
    assertThat(Json.compact(RunJson.page(List.of(), null, null, true)))
        .isEqualTo("{\"data\":[],\"pagination\":{}}");
  }
}
