package io.github.triggerruns.cli;

import io.github.triggerruns.InvalidRequestException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * An action over many runs, as {@code cancel} and {@code replay} do it: say how many, ask on a terminal
 * (or take {@code --yes}; without a terminal, refuse without it), or only print them ({@code --dry-run});
 * then act on each, progress on stderr, going on past failures and reporting them at the end. The client
 * paces the requests inside the rate limit.
 */
final class RunBatch {
  private RunBatch() {}

  /**
   * Runs {@code action} on each id, printing what {@code describe} makes of each result on stdout.
   *
   * @param verb what is done, for messages ("cancel", "replay")
   * @return the exit code: OK, or the code of the first failure when some failed
   */
  static int run(List<String> ids, String verb, ConfirmOptions confirm, Terminal terminal, PrintWriter out,
      PrintWriter err, Function<String, String> action) {
    String runs = ids.size() == 1 ? "1 run" : ids.size() + " runs";
    if (ids.isEmpty()) {
      err.println("no runs to " + verb);
      return ExitCodes.OK;
    }
    if (confirm.dryRun) {
      ids.forEach(out::println);
      err.println("dry run: would " + verb + " " + runs);
      return ExitCodes.OK;
    }
    if (!confirm.yes) {
      if (!terminal.progress()) {
        throw new InvalidRequestException("Refusing to " + verb + " " + runs + " without confirmation: not on a"
            + " terminal. Pass --yes to go ahead (or --dry-run to list them).");
      }
      err.print(Character.toUpperCase(verb.charAt(0)) + verb.substring(1) + " " + runs + "? [y/N] ");
      err.flush();
      if (!confirmed()) {
        err.println("nothing done");
        return ExitCodes.OK;
      }
    }
    List<String> failures = new ArrayList<>();
    int firstFailureCode = ExitCodes.OK;
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      try {
        out.println(action.apply(id));
        out.flush();
      } catch (RuntimeException e) {
        failures.add(id + ": " + ExitCodes.message(e));
        firstFailureCode = firstFailureCode == ExitCodes.OK ? ExitCodes.of(e) : firstFailureCode;
      }
      err.println(verb + " " + (i + 1) + "/" + ids.size() + (failures.isEmpty() ? "" : ", " + failures.size()
          + " failed"));
      err.flush();
    }
    if (!failures.isEmpty()) {
      err.println(failures.size() + " of " + runs + " failed to " + verb + ":");
      failures.forEach(failure -> err.println("  " + failure));
    }
    return firstFailureCode;
  }

  private static boolean confirmed() {
    try {
      String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return answer != null && answer.trim().toLowerCase(Locale.ROOT).matches("y|yes");
    } catch (IOException e) {
      return false;
    }
  }
}
