package io.github.triggerruns.bench.e2e;

import io.github.triggerruns.bench.server.PageServer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * What the client side of the JVM spent: bytes allocated and CPU time, from HotSpot's per-thread counters
 * ({@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long[])} and
 * {@link com.sun.management.ThreadMXBean#getThreadCpuTime(long[])}), summed over every live thread except
 * the page server's. That covers the consuming thread (where OkHttp's synchronous calls, the interceptors
 * and decoding run for {@code iterate} and the raw loop) and any thread a client hands work to (RxJava
 * schedulers for {@code listAsync} and {@code flow}, OkHttp's connection pool). A thread that ends between
 * two snapshots takes its counts with it; the threads involved are pooled and outlive a round. CPU time is
 * reported beside wall time because it is far less disturbed by other processes sharing the machine.
 */
final class ThreadMeter {
  /** Counters of every live client thread at one moment, by thread id, and the server threads' CPU total. */
  record Snapshot(Map<Long, Long> allocated, Map<Long, Long> cpuNanos, long serverCpuNanos) {}

  /** What the client threads (and, for reference, the server's) spent between two snapshots. */
  record Spent(long allocatedBytes, long cpuNanos, long serverCpuNanos) {}

  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final PageServer server;

  ThreadMeter(PageServer server) {
    this.server = server;
    if (!threads.isThreadAllocatedMemorySupported() || !threads.isThreadCpuTimeSupported()) {
      throw new IllegalStateException("This JVM does not count allocations and CPU time per thread");
    }
    threads.setThreadAllocatedMemoryEnabled(true);
    threads.setThreadCpuTimeEnabled(true);
  }

  Snapshot snapshot() {
    long[] ids = threads.getAllThreadIds();
    long[] bytes = threads.getThreadAllocatedBytes(ids);
    long[] cpu = threads.getThreadCpuTime(ids);
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    Map<Long, Long> allocated = new HashMap<>();
    Map<Long, Long> cpuNanos = new HashMap<>();
    long serverCpu = 0;
    for (int i = 0; i < ids.length; i++) {
      if (infos[i] == null || bytes[i] < 0 || cpu[i] < 0) {
        continue;
      }
      if (server.isServerThread(ids[i], infos[i].getThreadName())) {
        serverCpu += cpu[i];
      } else {
        allocated.put(ids[i], bytes[i]);
        cpuNanos.put(ids[i], cpu[i]);
      }
    }
    return new Snapshot(allocated, cpuNanos, serverCpu);
  }

  /** What the client threads spent since {@code before}; threads started since count from zero. */
  Spent since(Snapshot before) {
    Snapshot now = snapshot();
    return new Spent(delta(before.allocated(), now.allocated()), delta(before.cpuNanos(), now.cpuNanos()),
        now.serverCpuNanos() - before.serverCpuNanos());
  }

  private static long delta(Map<Long, Long> before, Map<Long, Long> now) {
    long total = 0;
    for (Map.Entry<Long, Long> counter : now.entrySet()) {
      total += counter.getValue() - before.getOrDefault(counter.getKey(), 0L);
    }
    return total;
  }
}
