package io.github.triggerruns.cli;

import picocli.CommandLine.Option;

/** The flags of a command that acts on many runs at once ({@code cancel}, {@code replay}): see {@link RunBatch}. */
final class ConfirmOptions {
  @Option(names = "--yes", description = "Do not ask for confirmation (required when not on a terminal).")
  boolean yes;

  @Option(names = "--dry-run", description = "Only print the runs it would act on.")
  boolean dryRun;
}
