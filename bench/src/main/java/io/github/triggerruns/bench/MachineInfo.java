package io.github.triggerruns.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The lines that say what the numbers were measured on. */
final class MachineInfo {
  private MachineInfo() {}

  static String describe() {
    Runtime runtime = Runtime.getRuntime();
    return String.format(Locale.ROOT, "cpus: %d (%s), %s %s%njava: %s %s (%s), max heap %d MiB, args %s",
        runtime.availableProcessors(), cpuModel(), System.getProperty("os.name"), System.getProperty("os.arch"),
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.vendor"), runtime.maxMemory() >> 20,
        ManagementFactory.getRuntimeMXBean().getInputArguments());
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst().orElse("unknown model");
    } catch (IOException | RuntimeException e) {
      return "unknown model";
    }
  }

  /** The 1, 5 and 15 minute load averages: above the CPU count, other processes compete with the benchmark. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
