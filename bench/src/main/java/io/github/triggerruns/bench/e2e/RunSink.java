package io.github.triggerruns.bench.e2e;

/** The consumer's side of a listing loop: what happens to each run a client hands over. */
@FunctionalInterface
public interface RunSink {
  void accept(String runId);
}
