package io.github.triggerruns.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One run's routes with a public access token, as the webapp builds them: retrieve and cancel allow
 * JWTs (apiBuilder {@code allowJWT}) and authorize them on the run looked up first; replay and
 * reschedule do not take JWTs at all.
 */
class PublicTokenActionsTest {
  private final MutableClock clock = MutableClock.at(Runs.NOW);
  private FakeTriggerServer server;

  @BeforeEach
  void start() {
    server = FakeTriggerServer.builder().runs(0).clock(clock).build().start();
    server.addRun(Runs.run("run_a", "EXECUTING", 5).tags("vip", "org acme").batch("batch_1").build());
    server.addRun(Runs.run("run_b", "DELAYED", 5).taskIdentifier("send-sms").build());
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private Http as(String scopesJson) {
    return Http.to(server).header("Authorization", "Bearer " + PublicTokens.of(server, scopesJson));
  }

  private FakeRun run(String runId) {
    return server.runs().stream().filter(r -> r.id().equals(runId)).findFirst().orElseThrow();
  }

  private String status(String runId) {
    return run(runId).status();
  }

  @Test
  void aRunIsRetrievedThroughAnyResourceItAnswersTo() {
    for (String scopes : new String[] {"[\"read:runs:run_a\"]", "[\"read:tasks:send-email\"]",
        "[\"read:tags:vip\"]", "[\"read:tags:org acme\"]", "[\"read:batch:batch_1\"]", "[\"read:runs\"]",
        "[\"read:all\"]", "[\"*:tags:vip\"]", "[\"admin\"]"}) {
      Http.Resp r = as(scopes).path("/api/v3/runs/run_a");
      assertThat(r.status).as(scopes + " " + r).isEqualTo(200);
      assertThat(r.json().get("id").getAsString()).isEqualTo("run_a");
    }
  }

  @Test
  void aTokenReachingNoneOfTheRunsResourcesIs403() {
    for (String scopes : new String[] {"[\"read:runs:run_b\"]", "[\"read:tasks:send-sms\"]", "[\"read:tags:other\"]",
        "[\"read:batch:batch_2\"]", "[\"write:runs:run_a\"]", "[]"}) {
      Http.Resp r = as(scopes).path("/api/v3/runs/run_a");
      assertThat(r.status).as(scopes).isEqualTo(403);
      assertThat(r.body).isEqualTo(PublicTokens.FORBIDDEN);
    }
  }

  @Test
  void anUnknownRunIs404BeforeAnyScopeIsChecked() {
    Http.Resp r = as("[\"read:runs:run_b\"]").path("/api/v3/runs/run_nope");
    assertThat(r.status).isEqualTo(404);
    assertThat(r.body).isEqualTo("{\"error\":\"Not found\"}");
    assertThat(r.header("x-should-retry")).contains("true");
  }

  @Test
  void cancelNeedsWriteOnTheRunOrItsTask() {
    Http.Resp byRun = as("[\"write:runs:run_a\"]").post("/api/v2/runs/run_a/cancel", "");
    assertThat(byRun.status).as(byRun.toString()).isEqualTo(200);
    assertThat(byRun.body).isEqualTo("{\"id\":\"run_a\"}");
    assertThat(status("run_a")).isEqualTo("CANCELED");

    Http.Resp byTask = as("[\"write:tasks:send-sms\"]").post("/api/v2/runs/run_b/cancel", "");
    assertThat(byTask.status).as(byTask.toString()).isEqualTo(200);
    assertThat(status("run_b")).isEqualTo("CANCELED");
  }

  @Test
  void cancelWithoutWriteIs403AndChangesNothing() {
    for (String scopes : new String[] {"[\"read:runs:run_a\"]", "[\"read:runs\"]", "[\"write:tags:vip\"]",
        "[\"write:batch:batch_1\"]", "[\"write:runs:run_b\"]"}) {
      Http.Resp r = as(scopes).post("/api/v2/runs/run_a/cancel", "");
      assertThat(r.status).as(scopes).isEqualTo(403);
      assertThat(r.body).isEqualTo(PublicTokens.FORBIDDEN);
    }
    assertThat(status("run_a")).isEqualTo("EXECUTING");
  }

  @Test
  void cancellingAnUnknownRunIsAuthorizedOnItsIdBeforeThe404() {
    Http.Resp covered = as("[\"write:runs:run_nope\"]").post("/api/v2/runs/run_nope/cancel", "");
    assertThat(covered.status).isEqualTo(404);
    assertThat(covered.body).isEqualTo("{\"error\":\"Resource not found\"}");

    Http.Resp notCovered = as("[\"write:tasks:send-email\"]").post("/api/v2/runs/run_nope/cancel", "");
    assertThat(notCovered.status).isEqualTo(403);
    assertThat(notCovered.body).isEqualTo(PublicTokens.FORBIDDEN);
  }

  @Test
  void replayTakesNoTokenAndAnswersAsForAnUnknownKey() {
    for (String scopes : new String[] {"[\"write:runs:run_a\"]", "[\"admin\"]"}) {
      Http.Resp r = as(scopes).post("/api/v1/runs/run_a/replay", "");
      assertThat(r.status).as(scopes).isEqualTo(401);
      assertThat(r.body).isEqualTo("{\"error\":\"Invalid API key\"}");
    }
    assertThat(server.runs()).hasSize(2);
  }

  @Test
  void rescheduleTakesNoTokenAndAnswersItsOwn401() {
    FakeRun before = run("run_b");
    for (String scopes : new String[] {"[\"write:runs:run_b\"]", "[\"admin\"]"}) {
      Http.Resp r = as(scopes).post("/api/v1/runs/run_b/reschedule", "{\"delay\":\"1h\"}");
      assertThat(r.status).as(scopes).isEqualTo(401);
      assertThat(r.body).isEqualTo("{\"error\":\"Invalid or missing API Key\"}");
    }
    // authenticateApiRequest answers any credential but the secret key so, a wrong key included.
    Http.Resp wrongKey = Http.to(server).header("Authorization", "Bearer tr_dev_wrong")
        .post("/api/v1/runs/run_b/reschedule", "{\"delay\":\"1h\"}");
    assertThat(wrongKey.status).isEqualTo(401);
    assertThat(wrongKey.body).isEqualTo("{\"error\":\"Invalid or missing API Key\"}");
    assertThat(run("run_b")).isEqualTo(before);
  }
}
