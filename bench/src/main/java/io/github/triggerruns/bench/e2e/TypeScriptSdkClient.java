package io.github.triggerruns.bench.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The official TypeScript SDK ({@code @trigger.dev/sdk}, pinned in {@code bench/ts/package.json}) going
 * through the listing with {@code for await (const run of runs.list({limit, from}))}, in a long-lived Node
 * process ({@code bench/ts/drain-worker.mjs}) that this class asks for one drain at a time. Node's CPU and
 * memory are outside this JVM, so only wall time compares.
 */
public final class TypeScriptSdkClient implements PagingClient, AutoCloseable {
  private final Process node;
  private final Writer requests;
  private final BufferedReader replies;

  private TypeScriptSdkClient(Process node) {
    this.node = node;
    this.requests = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
    this.replies = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
  }

  /**
   * Why the SDK cannot run here (Node or the installed SDK missing, with the command that fixes it), or
   * null when it can.
   */
  public static String unavailableReason(Path tsDirectory) {
    if (!Files.isDirectory(tsDirectory.resolve("node_modules/@trigger.dev/sdk"))) {
      return "the SDK is not installed: run `npm ci --prefix bench/ts` (bench/run.sh does)";
    }
    try {
      Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      if (!version.waitFor(10, TimeUnit.SECONDS)) {
        version.destroyForcibly();
        return "`node --version` did not answer within 10 s";
      }
      return version.exitValue() == 0 ? null : "`node --version` failed";
    } catch (IOException | InterruptedException e) {
      return "Node.js is not on the PATH (" + e.getMessage() + ")";
    }
  }

  /** Starts the worker against {@code baseUrl}. */
  public static TypeScriptSdkClient start(Path tsDirectory, String baseUrl) throws IOException {
    Process node = new ProcessBuilder("node", "drain-worker.mjs", baseUrl)
        .directory(tsDirectory.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    return new TypeScriptSdkClient(node);
  }

  @Override
  public String name() {
    return "TypeScript SDK";
  }

  @Override
  public boolean runsInThisJvm() {
    return false;
  }

  @Override
  public void drain(int pageSize, RunSink sink) throws IOException {
    if (!(sink instanceof Tally)) {
      throw new IllegalArgumentException("the TypeScript SDK reports a count and a checksum, so it needs a Tally");
    }
    requests.write(pageSize + "\n");
    requests.flush();
    String[] reply = reply();
    if (reply[0].equals("failed")) {
      throw new IOException("the TypeScript SDK failed: " + (reply.length > 1 ? reply[1] : ""));
    }
    String[] counts = reply[1].split(" ");
    ((Tally) sink).addReported(Long.parseLong(counts[0]), Long.parseLong(counts[1]));
  }

  /** The worker's next protocol line, split after its keyword; anything else it prints goes to stderr. */
  private String[] reply() throws IOException {
    for (;;) {
      String line = replies.readLine();
      if (line == null) {
        throw new IOException("the Node worker exited (exit code "
            + (node.isAlive() ? "none yet" : node.exitValue()) + "); see its error output above");
      }
      if (line.startsWith("drained ") || line.startsWith("failed ")) {
        return line.split(" ", 2);
      }
      System.err.println("[node] " + line);
    }
  }

  @Override
  public void close() throws InterruptedException {
    node.destroy();
    if (!node.waitFor(10, TimeUnit.SECONDS)) {
      node.destroyForcibly();
    }
  }
}
