package io.github.triggerruns.cli;

import io.github.triggerruns.RunDetails;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code trigger-runs reschedule RUN_ID --delay 1h}: moves a DELAYED run's start. */
@Command(name = "reschedule", sortOptions = false, usageHelpAutoWidth = true,
    description = "Move a DELAYED run's start: --delay from now, or --until a time. Other runs: the server refuses.")
public final class RescheduleCommand implements Callable<Integer> {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Parameters(paramLabel = "RUN_ID", description = "The run's id (run_...).")
  String runId;

  @ArgGroup(exclusive = true, multiplicity = "1")
  When when;

  /** Exactly one of the two. */
  static final class When {
    @Option(names = "--delay", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
        description = "From now, in whole seconds: 90s, 10m, 1h30m, 2d.")
    @Nullable Duration delay;

    @Option(names = "--until", paramLabel = "TIME", converter = Converters.InstantConverter.class,
        description = "A future time: 2024-04-01T12:00:00Z.")
    @Nullable Instant until;
  }

  @ParentCommand TriggerRunsCommand top;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (ClientFactory.Connection connection = ClientFactory.connect(top, spec.commandLine().getErr(), null)) {
      RunDetails run = when.delay != null ? connection.client().runs().reschedule(runId, when.delay)
          : connection.client().runs().reschedule(runId, when.until);
      spec.commandLine().getOut().println(run.getId() + " delayed until " + run.getDelayedUntil());
      spec.commandLine().getOut().flush();
    }
    return ExitCodes.OK;
  }
}
