package io.github.triggerruns.bench.e2e;

/** One way of going through a whole listing, newest run first; instances are reused round after round. */
public interface PagingClient {
  /** The name in reports. */
  String name();

  /** Fetches every page of the listing in pages of {@code pageSize}, handing each run to {@code sink}. */
  void drain(int pageSize, RunSink sink) throws Exception;

  /** Whether the client's work happens in this JVM, where its CPU time and allocation are measured. */
  default boolean runsInThisJvm() {
    return true;
  }
}
