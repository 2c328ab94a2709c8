package io.github.triggerruns.bench.e2e;

import io.github.triggerruns.PageRequest;
import io.github.triggerruns.Run;
import io.github.triggerruns.RunFilter;
import io.github.triggerruns.Runs;
import io.github.triggerruns.TriggerRuns;
import io.reactivex.rxjava3.core.Flowable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * The facade's prefetching stream, {@code client.runs().flow(filter, request)}, found by reflection because
 * the method is being added on another branch (issue 4) and may not be in the code being measured: when it
 * is absent every report prints "flow: not available" and the rest of the run is unaffected.
 *
 * <p>TODO(issue 4): this is the one place to plug {@code flow} in. {@link #find} accepts
 * {@code flow(RunFilter, PageRequest)} returning any Reactive Streams {@link Publisher} of {@link Run}
 * (an RxJava {@code Flowable}). If the method lands with another signature (a prefetch count, an options
 * object), adapt {@link #find} and {@link #drain}; once it compiles against the facade, call it directly
 * instead of reflectively. {@code PagingMatrix}, {@code LatencyHiding} and {@code MemoryMode} already run
 * whatever {@link #find} returns.
 */
public final class FlowClient implements PagingClient {
  private final Runs runs;
  private final Method flow;

  private FlowClient(Runs runs, Method flow) {
    this.runs = runs;
    this.flow = flow;
  }

  /** The flow client, when the facade has a {@code flow(RunFilter, PageRequest)} this harness can call. */
  public static Optional<PagingClient> find(TriggerRuns client) {
    return flowMethod().map(method -> new FlowClient(client.runs(), method));
  }

  /** Why there is no flow client, for reports; empty when there is one. */
  public static Optional<String> unavailableReason() {
    if (flowMethod().isPresent()) {
      return Optional.empty();
    }
    Optional<Method> other = Arrays.stream(Runs.class.getMethods()).filter(m -> m.getName().equals("flow")).findFirst();
    return Optional.of(other.map(m -> "found " + m + ", a signature this harness does not call yet: adapt FlowClient")
        .orElse("not available (Runs has no flow method in this build)"));
  }

  private static Optional<Method> flowMethod() {
    try {
      Method method = Runs.class.getMethod("flow", RunFilter.class, PageRequest.class);
      return Publisher.class.isAssignableFrom(method.getReturnType()) ? Optional.of(method) : Optional.empty();
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
  }

  @Override
  public String name() {
    return "flow";
  }

  @Override
  @SuppressWarnings("unchecked")
  public void drain(int pageSize, RunSink sink) throws Exception {
    Publisher<Run> publisher;
    try {
      publisher = (Publisher<Run>) flow.invoke(runs, RunFilter.allTime(), PageRequest.ofSize(pageSize));
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
    // blockingSubscribe runs the consumer on this thread, while the flow fetches on its own scheduler.
    Flowable.fromPublisher(publisher).blockingSubscribe(run -> sink.accept(run.getId()));
  }
}
