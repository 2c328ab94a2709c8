package io.github.triggerruns.cli;

import io.github.triggerruns.RunFilter;
import io.github.triggerruns.RunStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Every {@link RunFilter} field as a flag, shared by {@code list}, {@code watch} and {@code export}: the one
 * place where flags become a filter. Values are checked by {@link RunFilter.Builder#build()}, so the CLI
 * refuses exactly what the library refuses (a bad period, a comma inside a value, from after to).
 */
public final class FilterOptions {
  @Option(names = "--status", split = ",", paramLabel = "STATUS",
      description = "Statuses, comma-separated, e.g. QUEUED,EXECUTING or FAILED,CRASHED,SYSTEM_FAILURE.")
  List<String> statuses = new ArrayList<>();

  @Option(names = "--task", split = ",", paramLabel = "TASK", description = "Task identifiers, comma-separated.")
  List<String> tasks = new ArrayList<>();

  @Option(names = "--version", split = ",", paramLabel = "VERSION",
      description = "Worker versions, comma-separated, e.g. 20250101.3.")
  List<String> versions = new ArrayList<>();

  @Option(names = "--tag", split = ",", paramLabel = "TAG", description = "Tags (any of), comma-separated.")
  List<String> tags = new ArrayList<>();

  @Option(names = "--queue", split = ",", paramLabel = "QUEUE",
      description = "Queues, comma-separated; a task's own queue is task/<task id>.")
  List<String> queues = new ArrayList<>();

  @Option(names = "--machine", split = ",", paramLabel = "MACHINE",
      description = "Machine presets, comma-separated: micro, small-1x, small-2x, medium-1x, medium-2x, large-1x,"
          + " large-2x.")
  List<String> machines = new ArrayList<>();

  @Option(names = "--region", split = ",", paramLabel = "REGION", description = "Regions, comma-separated.")
  List<String> regions = new ArrayList<>();

  @Option(names = "--batch", paramLabel = "ID", description = "Runs of this batch.")
  @Nullable String batch;

  @Option(names = "--schedule", paramLabel = "ID", description = "Runs of this schedule.")
  @Nullable String schedule;

  @Option(names = "--bulk-action", paramLabel = "ID", description = "Runs of this bulk action.")
  @Nullable String bulkAction;

  @Option(names = "--test", negatable = true,
      description = "Only test runs (--test) or only real runs (--no-test); default both.")
  @Nullable Boolean isTest;

  @Option(names = "--period", paramLabel = "DURATION",
      description = "Runs created within this window back from now: 30m, 1h30m, 1.5h, 7d, 2w, 1mo.")
  @Nullable String period;

  @Option(names = "--from", paramLabel = "WHEN", converter = Converters.InstantConverter.class,
      description = "Runs created at or after this instant, e.g. 2024-04-01T00:00:00Z or 2024-04-01 (UTC midnight).")
  @Nullable Instant from;

  @Option(names = "--to", paramLabel = "WHEN", converter = Converters.InstantConverter.class,
      description = "Runs created at or before this instant (same forms as --from).")
  @Nullable Instant to;

  @Option(names = "--all-time",
      description = "Every run ever created. Without it, --period, --from or --to, the server shows the last 7"
          + " days only.")
  boolean allTime;

  @Spec(Spec.Target.MIXEE)
  @Nullable CommandSpec mixee;

  /**
   * The filter these flags describe.
   *
   * @throws ParameterException when --all-time is combined with another time flag
   * @throws io.github.triggerruns.InvalidRequestException when a value would be rejected or misread
   */
  RunFilter toFilter() {
    if (allTime && (period != null || from != null || to != null)) {
      throw new ParameterException(mixee.commandLine(),
          "--all-time cannot be combined with --period, --from or --to: it already means every run.");
    }
    checkNoBlankValues();
    RunFilter.Builder builder = RunFilter.builder()
        .statuses(statuses.stream().map(RunStatus::of).toList())
        .taskIdentifiers(tasks)
        .versions(versions)
        .tags(tags)
        .queues(queues)
        .machines(machines)
        .regions(regions)
        .batch(batch)
        .schedule(schedule)
        .bulkAction(bulkAction)
        .isTest(isTest)
        .period(period)
        .createdFrom(from)
        .createdTo(to);
    if (allTime) {
      builder.allTime();
    }
    return builder.build();
  }

  // "--status=," or "--task=a,,b" is a typo, not "any status": refuse it rather than widen the filter.
  private void checkNoBlankValues() {
    for (String name : List.of("--status", "--task", "--version", "--tag", "--queue", "--machine", "--region")) {
      OptionSpec option = mixee.findOption(name);
      List<String> values = option.getValue();
      if (mixee.commandLine().getParseResult().hasMatchedOption(option)
          && (values.isEmpty() || values.stream().anyMatch(String::isBlank))) {
        throw new ParameterException(mixee.commandLine(), name + " has an empty value: give values such as "
            + name + "=a,b without empty entries, or leave " + name + " out to match any.");
      }
    }
  }

  /**
   * Tells on stderr, in one line, when the server's hidden 7-day window applies: the most common surprise of
   * this API is a listing that silently stops a week back.
   */
  static void hintIfDefaultWindow(RunFilter filter, PrintWriter err) {
    if (filter.usesDefaultWindow()) {
      err.println("showing runs of the last 7 days (server default); use --all-time or --period");
      err.flush();
    }
  }
}
