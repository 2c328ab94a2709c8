package io.github.triggerruns.cli;

import io.github.triggerruns.testkit.FakeTriggerServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs the tool in-process with captured stdout/stderr and a given environment; nothing read from the JVM's. */
final class Cli {
  private Cli() {}

  /** What one run of the tool printed and returned. */
  record Result(int exitCode, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }

    List<String> errLines() {
      return err.lines().toList();
    }
  }

  /** Runs {@code args} with an empty environment (so: the sandbox unless --key is given) and plain output. */
  static Result run(String... args) {
    return run(Map.of(), Terminal.PLAIN, args);
  }

  static Result run(Map<String, String> environment, Terminal terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = run(environment, terminal, out, err, args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs with caller-supplied writers, e.g. one the test observes while {@code watch} is running. */
  static int run(Map<String, String> environment, Terminal terminal, Writer out, Writer err, String... args) {
    CommandLine commandLine = TriggerRunsCommand.commandLine(environment::get, terminal);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  /** {@code args} followed by the flags that point the tool at {@code server}. */
  static String[] against(FakeTriggerServer server, String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--api-url", server.baseUrl(), "--key", server.secretKey()));
    return all.toArray(String[]::new);
  }
}
