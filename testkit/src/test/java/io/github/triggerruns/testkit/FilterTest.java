package io.github.triggerruns.testkit;

import static io.github.triggerruns.testkit.Http.params;
import static io.github.triggerruns.testkit.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FilterTest {
  static FakeTriggerServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = FakeTriggerServer.builder().runs(0).clock(MutableClock.at(Runs.NOW)).build().start();
    server.addRun(run("run_a", "QUEUED", 1).tags("org acme", "客户_7").version("20250101.1")
        .queue("task/send-email").machine("small-1x").region("us-east-1").build());
    server.addRun(run("run_b", "COMPLETED", 2).taskIdentifier("resize-image").tags("vip")
        .version("20250101.2").machine("large-2x").region("eu-central-1").isTest(true)
        .batch("batch_1").build());
    server.addRun(run("run_c", "WAITING", 3).schedule("sched_1").bulkAction("bulk_1")
        .queue("shared-io").build());
    server.addRun(run("run_d", "FROZEN", 4).taskIdentifier("sync-crm").build());
    server.addRun(run("run_e", "INTERRUPTED", 5).build());
    server.addRun(run("run_f", "FAILED", 6).tags("org acme").build());
    http = Http.to(server);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static List<String> ids(String... keyValues) {
    Http.Resp r = http.get(params(keyValues));
    assertThat(r.status).as(r.body).isEqualTo(200);
    return r.ids();
  }

  @Test
  void noFilterListsEverythingNewestFirst() {
    assertThat(ids()).containsExactly("run_a", "run_b", "run_c", "run_d", "run_e", "run_f");
  }

  @Test
  void statusIsCommaJoinedAndSelectsTheInternalStatus() {
    assertThat(ids("filter[status]", "QUEUED,COMPLETED")).containsExactly("run_a", "run_b");
    // WAITING and FROZEN are one internal status; FAILED does not include INTERRUPTED.
    assertThat(ids("filter[status]", "WAITING")).containsExactly("run_c", "run_d");
    assertThat(ids("filter[status]", "FROZEN")).containsExactly("run_c", "run_d");
    assertThat(ids("filter[status]", "FAILED")).containsExactly("run_f");
    assertThat(ids("filter[status]", "INTERRUPTED")).containsExactly("run_e");
  }

  @Test
  void unknownStatusesAre400WithTheLiveMessage() {
    Http.Resp r = http.get(params("filter[status]", "QUEUED,FOO,queued"));

    assertThat(r.status).isEqualTo(400);
    assertThat(r.body)
        .isEqualTo(
            "{\"error\":\"Query Error\",\"details\":[{\"code\":\"custom\","
                + "\"message\":\"Invalid status values: FOO, queued\",\"path\":[\"filter[status]\"]}]}");
  }

  @Test
  void taskIdentifierAndVersion() {
    assertThat(ids("filter[taskIdentifier]", "resize-image,sync-crm"))
        .containsExactly("run_b", "run_d");
    assertThat(ids("filter[version]", "20250101.2")).containsExactly("run_b");
  }

  @Test
  void tagMatchesAnyOfTheTagsIncludingSpacesAndUnicode() {
    assertThat(ids("filter[tag]", "org acme")).containsExactly("run_a", "run_f");
    assertThat(ids("filter[tag]", "客户_7,vip")).containsExactly("run_a", "run_b");
  }

  @Test
  void bulkActionScheduleAndBatch() {
    assertThat(ids("filter[bulkAction]", "bulk_1")).containsExactly("run_c");
    assertThat(ids("filter[schedule]", "sched_1")).containsExactly("run_c");
    assertThat(ids("filter[batch]", "batch_1")).containsExactly("run_b");
  }

  @Test
  void isTestTakesExactlyTrueOrFalse() {
    assertThat(ids("filter[isTest]", "true")).containsExactly("run_b");
    assertThat(ids("filter[isTest]", "false")).doesNotContain("run_b").hasSize(5);

    Http.Resp r = http.get(params("filter[isTest]", "TRUE"));
    assertThat(r.status).isEqualTo(400);
    assertThat(r.details().get(0).getAsJsonObject().get("message").getAsString())
        .isEqualTo("Invalid value for isTest: TRUE");
  }

  @Test
  void queueMachineAndRegion() {
    assertThat(ids("filter[queue]", "task/send-email")).contains("run_a").doesNotContain("run_c");
    assertThat(ids("filter[queue]", "shared-io")).containsExactly("run_c");
    assertThat(ids("filter[machine]", "small-1x,large-2x")).containsExactly("run_a", "run_b");
    assertThat(ids("filter[region]", "eu-central-1")).containsExactly("run_b");
  }

  @Test
  void filtersCombineWithAnd() {
    assertThat(ids("filter[tag]", "org acme", "filter[status]", "FAILED")).containsExactly("run_f");
  }

  @Test
  void unknownKeysAndEmptyValuesAreIgnored() {
    assertThat(ids("filter[colour]", "blue", "filter[status]", "", "foo", "bar")).hasSize(6);
  }

  @Test
  void bothBracketEncodingsPlusAsSpaceAndLastValueWins() {
    assertThat(http.get("filter[tag]=org+acme").ids()).containsExactly("run_a", "run_f");
    assertThat(http.get("filter%5Btag%5D=org%20acme").ids()).containsExactly("run_a", "run_f");
    assertThat(http.get("filter[status]=QUEUED&filter%5Bstatus%5D=COMPLETED").ids())
        .containsExactly("run_b");
  }
}
