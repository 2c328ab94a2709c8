package io.github.triggerruns.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.triggerruns.testkit.internal.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The standalone entry point, started in-process (no second JVM). */
class MainTest {
  private String stdout;

  // Main prints the base URL on stdout and a summary on stderr: capture both, keep stdout.
  private FakeTriggerServer start(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      return Main.start(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
      stdout = printed.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void startsAServerFromCommandLineFlags() {
    FakeTriggerServer server =
        start(
            "--port", "0", "--runs", "12", "--key", "tr_dev_local", "--seed", "3",
            "--fault-rate", "0.2", "--faults", "500,503,reset", "--latency", "1ms-3ms",
            "--short-pages", "0.1", "--rate-limit", "100:10:1s");
    try {
      assertThat(server.isRunning()).isTrue();
      assertThat(server.secretKey()).isEqualTo("tr_dev_local");
      assertThat(server.runs()).hasSize(12);
      assertThat(server.faults())
          .isEqualTo(FaultPlan.random(3, 0.2, Fault.HTTP_500, Fault.HTTP_503, Fault.CONNECTION_RESET)
              .withLatency(Duration.ofMillis(1), Duration.ofMillis(3)));

      server.faults(FaultPlan.none());
      Http.Resp r = Http.to(server).get("");
      assertThat(r.status).isEqualTo(200);
      assertThat(r.header("x-ratelimit-limit")).contains("100");
    } finally {
      server.stop();
    }
  }

  @Test
  void defaultsNeedNoFlagsBesidesThePortAndOnlyTheBaseUrlGoesToStdout() {
    FakeTriggerServer server = start("--port", "0");
    try {
      assertThat(stdout).isEqualTo(server.baseUrl() + System.lineSeparator());
      assertThat(server.runs()).hasSize(100);
      assertThat(server.secretKey()).isEqualTo("tr_dev_testkit");
      assertThat(server.faults()).isEqualTo(FaultPlan.none());
    } finally {
      server.stop();
    }
  }

  @Test
  void theRealtimeBackendFlagPicksElectricsWireFormat() {
    FakeTriggerServer server = start("--port", "0", "--runs", "3", "--realtime-backend=electric",
        "--realtime-chunk-rows", "2");
    try {
      String id = server.runs().get(0).id();
      Http.Resp r = Http.to(server).header("x-trigger-electric-version", "1.0.0-beta.1")
          .path("/realtime/v1/runs/" + id + "?offset=-1");
      assertThat(r.status).isEqualTo(200);
      assertThat(r.header("electric-offset")).contains("0_inf");
      assertThat(r.header("electric-up-to-date")).contains("");
    } finally {
      server.stop();
    }
  }

  @Test
  void badFlagsAreParameterErrors() {
    assertThatThrownBy(() -> start("--port", "0", "--realtime-backend", "kafka"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--realtime-backend must be native or electric, not kafka");
    assertThatThrownBy(() -> start("--port", "0", "--faults", "meteor", "--fault-rate", "1"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("unknown fault: meteor");
    assertThatThrownBy(() -> start("--port", "0", "--latency", "soon"))
        .isInstanceOf(CommandLine.ParameterException.class);
    assertThatThrownBy(() -> start("--runs", "many"))
        .isInstanceOf(CommandLine.ParameterException.class);
  }
}
