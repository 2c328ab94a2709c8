package io.github.triggerruns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** No key anywhere: demo runs from a local fake server, announced in one line. */
class SandboxTest {
  @Test
  void listWithoutAKeyServesDemoRunsAndSaysSoInOneLine() {
    Cli.Result result = Cli.run("list");

    assertThat(result.exitCode()).isZero();
    assertThat(result.errLines()).hasSize(2);
    assertThat(result.errLines().get(0))
        .matches("sandbox: no TRIGGER_SECRET_KEY set, serving 500 demo runs from a local fake server at"
            + " http://127\\.0\\.0\\.1:\\d+");
    assertThat(result.errLines().get(1)).startsWith("showing runs of the last 7 days");
    assertThat(result.outLines()).hasSize(26);
    assertThat(result.outLines().get(0)).startsWith("ID ");
    assertThat(result.outLines().get(1)).startsWith("run_");
  }

  @Test
  void theDemoDataIsTheSameEveryTime() {
    Cli.Result first = Cli.run("list", "--all-time", "--all", "--ndjson");
    Cli.Result second = Cli.run("list", "--all-time", "--all", "--ndjson");

    assertThat(first.outLines()).hasSize(500);
    assertThat(second.outLines().stream().map(l -> l.substring(0, 32)).toList())
        .isEqualTo(first.outLines().stream().map(l -> l.substring(0, 32)).toList());
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void watchInTheSandboxShowsActivityAndEndsWithUntilFinished() {
    Cli.Result result = Cli.run("watch", "--until-finished", "--interval", "200ms");

    assertThat(result.exitCode()).isZero();
    assertThat(result.errLines()).singleElement().asString().startsWith("sandbox: ");
    // The demo activity adds runs and finishes them: changes a real environment would show.
    assertThat(result.outLines()).anySatisfy(line -> assertThat(line).contains(" -> "));
    assertThat(result.outLines()).anySatisfy(line -> assertThat(line).contains(" FINISHED "));
  }
}
