package io.github.triggerruns.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** How {@code list} and {@code watch} print: a table (or lines) for people, or JSON for programs. */
enum OutputFormat {
  /** Aligned text; coloured on a terminal. */
  TABLE,
  /** One JSON array. */
  JSON,
  /** One JSON object per line (newline-delimited JSON), streamed as results arrive. */
  NDJSON;

  /** The format the flags ask for; both at once is a usage error. */
  static OutputFormat of(boolean json, boolean ndjson, CommandSpec spec) {
    if (json && ndjson) {
      throw new ParameterException(spec.commandLine(), "Choose one of --json and --ndjson.");
    }
    return json ? JSON : ndjson ? NDJSON : TABLE;
  }
}
