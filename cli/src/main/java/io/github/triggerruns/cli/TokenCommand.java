package io.github.triggerruns.cli;

import io.github.triggerruns.PublicTokenOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code trigger-runs token}: public access tokens. */
@Command(
    name = "token",
    usageHelpAutoWidth = true,
    description = "Public access tokens: short-lived, scoped JWTs for apps.",
    subcommands = {TokenCommand.Create.class})
public final class TokenCommand implements Callable<Integer> {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @ParentCommand TriggerRunsCommand top;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: trigger-runs token create ...");
  }

  /** {@code trigger-runs token create --run ID --expires 15m}: prints one token on stdout. */
  @Command(
      name = "create",
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {"Mint a public access token with the secret key, as the SDK's auth.createPublicToken does,"
          + " and print it on stdout.",
          "It can read only what its scopes grant: give at least one of --run, --tag, --batch, --task, --all-runs,"
          + " --cancel-run, --cancel-task."})
  public static final class Create implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--run", paramLabel = "ID", description = "Read this run (read:runs:ID); repeatable.")
    List<String> runs = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG", description = "Read runs with this tag (read:tags:TAG); repeatable.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--batch", paramLabel = "ID", description = "Read this batch's runs (read:batch:ID); repeatable.")
    List<String> batches = new ArrayList<>();

    @Option(names = "--task", paramLabel = "TASK", description = "Read this task's runs (read:tasks:TASK); repeatable.")
    List<String> tasks = new ArrayList<>();

    @Option(names = "--all-runs", description = "Read every run (read:runs).")
    boolean allRuns;

    @Option(names = "--cancel-run", paramLabel = "ID", description = "Cancel this run (write:runs:ID); repeatable.")
    List<String> cancelRuns = new ArrayList<>();

    @Option(names = "--cancel-task", paramLabel = "TASK",
        description = "Cancel this task's runs (write:tasks:TASK); repeatable.")
    List<String> cancelTasks = new ArrayList<>();

    @Option(names = "--skip-column", paramLabel = "COLUMN",
        description = "Realtime feeds read with the token leave out this column, e.g. payload; repeatable.")
    List<String> skipColumns = new ArrayList<>();

    @Option(names = "--expires", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
        description = "Lifetime, e.g. 15m (the default), 1h.")
    Duration expires = PublicTokenOptions.DEFAULT_EXPIRY;

    @ParentCommand TokenCommand token;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PublicTokenOptions.Builder options = PublicTokenOptions.builder()
          .readRuns(runs.toArray(new String[0]))
          .readTags(tags.toArray(new String[0]))
          .readBatches(batches.toArray(new String[0]))
          .readTasks(tasks.toArray(new String[0]))
          .writeRuns(cancelRuns.toArray(new String[0]))
          .writeTasks(cancelTasks.toArray(new String[0]))
          .realtimeSkipColumns(skipColumns.toArray(new String[0]))
          .expiresIn(expires);
      if (allRuns) {
        options.readAllRuns();
      }
      PublicTokenOptions built = options.build();
      PrintWriter out = spec.commandLine().getOut();
      try (ClientFactory.Connection connection =
          ClientFactory.connect(token.top, spec.commandLine().getErr(), null)) {
        out.println(connection.client().auth().createPublicToken(built));
        out.flush();
      }
      return ExitCodes.OK;
    }
  }
}
