package io.github.triggerruns.bench.export;

import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.FakeTriggerServer;
import io.github.triggerruns.testkit.RateLimit;
import java.io.IOException;
import java.time.Instant;

/**
 * The fake server of the memory run, in a JVM of its own so that the million runs it holds do not count
 * against the exporting JVM's 64 MB: seeds the runs, prints {@code <base url> <secret key> <runs> <checksum>}
 * on one line, and serves until its standard input closes. No rate limit and no latency: the point there is
 * the client's memory, not its speed.
 */
public final class ExportServerMain {
  private ExportServerMain() {}

  public static void main(String[] args) throws IOException {
    int runs = Integer.parseInt(args[0]);
    try (FakeTriggerServer server = FakeTriggerServer.builder().runs(0).rateLimit(RateLimit.unlimited())
        .build().start()) {
      ExportData.seed(server, runs, false, Instant.now());
      long checksum = 0;
      for (FakeRun run : server.runs()) {
        checksum += ExportData.mix(run.id());
      }
      System.out.println(server.baseUrl() + " " + server.secretKey() + " " + runs + " " + checksum);
      System.out.flush();
      while (System.in.read() >= 0) {
        // serve until the parent closes the pipe
      }
    }
  }
}
