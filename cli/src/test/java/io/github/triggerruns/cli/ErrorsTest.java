package io.github.triggerruns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.triggerruns.testkit.FakeTriggerServer;
import io.github.triggerruns.testkit.FakeTriggerServerExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit codes, one-line messages, and the key kept out of every output. */
class ErrorsTest {
  private static final String KEY = "tr_dev_s3cr3t_cli_key";

  @RegisterExtension
  static final FakeTriggerServerExtension trigger =
      FakeTriggerServerExtension.of(FakeTriggerServer.builder().runs(30).seed(3).secretKey(KEY));

  @ParameterizedTest
  @ValueSource(strings = {"--no-such-flag", "--limit=many", "--page-size=500", "--period=1x", "--from=yesterday",
      "--status=,", "--task=a,,b", "--tag="})
  void badUsageExits2WithOneMessageAndNoStackTrace(String flag) {
    Cli.Result result = Cli.run(Cli.against(trigger.server(), "list", flag));

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("error: ").doesNotContain("\tat ", "Exception");
  }

  @Test
  void anUnknownOrMissingCommandExits2() {
    Cli.Result none = Cli.run();

    assertThat(Cli.run("lst").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.out()).isEmpty();
    assertThat(none.err()).contains("Usage: trigger-runs");
  }

  @Test
  void allTimeWithAPeriodExits2() {
    Cli.Result result = Cli.run(Cli.against(trigger.server(), "list", "--all-time", "--period", "1d"));

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--all-time");
  }

  @Test
  void aWrongKeyExits3() {
    Cli.Result otherKey = Cli.run("list", "--api-url", trigger.baseUrl(), "--key", "tr_dev_someone_else");
    Cli.Result notAKey = Cli.run("list", "--api-url", trigger.baseUrl(), "--key", "hunter22");

    assertThat(otherKey.exitCode()).isEqualTo(ExitCodes.AUTHENTICATION);
    assertThat(otherKey.err()).contains("401").doesNotContain("tr_dev_someone_else");
    assertThat(notAKey.exitCode()).isEqualTo(ExitCodes.AUTHENTICATION);
    assertThat(notAKey.err()).contains("401", "TRIGGER_SECRET_KEY").doesNotContain("hunter22");
    assertThat(notAKey.errLines()).last().asString().startsWith("error: ");
  }

  @Test
  void aQueryTheServerRejectsExits4WithTheServersDetails() {
    Cli.Result result = Cli.run(Cli.against(trigger.server(), "list", "--status", "NOT_A_STATUS"));

    assertThat(result.exitCode()).isEqualTo(ExitCodes.API);
    assertThat(result.errLines()).last().asString()
        .isEqualTo("error: The API rejected the query (400): filter[status]: Invalid status values: NOT_A_STATUS");
  }

  @Test
  void noAnswerExits5() {
    Cli.Result result = Cli.run("list", "--api-url", "http://127.0.0.1:1", "--key", KEY, "--max-retries", "0");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.NETWORK);
    assertThat(result.errLines()).last().asString().startsWith("error: Could not get an answer");
    assertThat(result.err()).doesNotContain("\tat ");
  }

  @Test
  void anApiUrlWithoutAKeyIsAUsageErrorRatherThanDemoData() {
    Cli.Result result = Cli.run(Map.of("TRIGGER_API_URL", trigger.baseUrl()), Terminal.PLAIN, "list");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).doesNotContain("sandbox:").contains("TRIGGER_SECRET_KEY");
  }

  @Test
  void verboseLogsRequestsAndStackTracesButNeverTheKey() {
    Cli.Result ok = Cli.run(Cli.against(trigger.server(), "--verbose", "list", "--all-time", "--limit", "3"));
    Cli.Result failed = Cli.run(Cli.against(trigger.server(), "--verbose", "list", "--status", "NOPE"));
    Cli.Result network = Cli.run("--verbose", "list", "--api-url", "http://127.0.0.1:1", "--key", KEY,
        "--max-retries", "0");
    Cli.Result fromEnv = Cli.run(Map.of("TRIGGER_SECRET_KEY", KEY, "TRIGGER_API_URL", trigger.baseUrl()),
        Terminal.PLAIN, "--verbose", "list", "--status", "NOPE");

    assertThat(ok.err()).contains("http: --> GET " + trigger.baseUrl() + "/api/v1/runs?", "http: <-- 200");
    assertThat(failed.err()).contains("BadRequestException", "\tat ");
    assertThat(network.err()).contains("ApiConnectionException", "\tat ");
    for (Cli.Result result : new Cli.Result[] {ok, failed, network, fromEnv}) {
      assertThat(result.out() + result.err()).doesNotContain(KEY);
    }
  }

  @Test
  void versionAndHelp() {
    Cli.Result version = Cli.run("--version");
    Cli.Result help = Cli.run("--help");
    Cli.Result listHelp = Cli.run("list", "--help");
    Cli.Result exportHelp = Cli.run("help", "export");

    assertThat(version.out()).startsWith("trigger-runs ").doesNotContain("unknown");
    assertThat(help.out()).contains("list", "watch", "export", "Exit codes:");
    assertThat(listHelp.out()).contains("--status", "--all-time", "--limit", "--json", "--ndjson", "--key");
    assertThat(exportHelp.out()).contains("--output", "--format", "--resume");
    assertThat(version.exitCode() + help.exitCode() + listHelp.exitCode() + exportHelp.exitCode()).isZero();
  }
}
