package io.github.triggerruns.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * This benchmark started again in a JVM of its own, with this one's JVM options and class path: for figures
 * one JVM must not share with another (a JIT's choices, a heap without the server in it). The benchmark must
 * run from the jar (or a class path holding everything), as documented.
 */
public final class ForkedJvm {
  private ForkedJvm() {}

  /**
   * A process running {@link BenchLauncher} with the one argument {@code argument}; its output is read back
   * as UTF-8 (reports hold µ and –), whatever the platform's charset, and its stderr is merged into it.
   */
  public static ProcessBuilder of(String argument) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-Dsun.stdout.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8",
        "-cp", System.getProperty("java.class.path"), BenchLauncher.class.getName(), argument));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }
}
