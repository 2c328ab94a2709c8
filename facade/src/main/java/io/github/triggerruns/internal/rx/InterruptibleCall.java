package io.github.triggerruns.internal.rx;

import io.reactivex.rxjava3.disposables.Disposable;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A blocking call run on the current thread, which disposing cancels and, while it runs, interrupts: a
 * fetch waits between retries in {@code Thread.sleep}, which only an interrupt ends early. Before it runs,
 * disposing stops it from starting; after it returns, disposing interrupts nothing, so the interrupt never
 * reaches what the thread does next (delivering runs to downstream, say).
 *
 * <p>The states and hand-shake are those of RxJava's {@code ExecutorScheduler.InterruptibleRunnable}, which
 * is internal there and, run inline, would be registered only after the call had returned.
 */
final class InterruptibleCall extends AtomicInteger implements Disposable {
  private static final long serialVersionUID = 1L;
  private static final int READY = 0;
  private static final int RUNNING = 1;
  private static final int FINISHED = 2;
  private static final int INTERRUPTING = 3;
  private static final int INTERRUPTED = 4;

  /** What cancels the call itself (its HTTP exchange); disposed along with this. */
  private final Disposable call;
  private volatile @Nullable Thread thread;

  InterruptibleCall(Disposable call) {
    this.call = call;
  }

  /** Runs {@code body} on this thread, unless disposed before. */
  void run(Runnable body) {
    thread = Thread.currentThread();
    if (!compareAndSet(READY, RUNNING)) {
      thread = null;
      return;
    }
    try {
      body.run();
    } finally {
      thread = null;
      if (!compareAndSet(RUNNING, FINISHED)) {
        while (get() == INTERRUPTING) {
          Thread.yield(); // the interrupt is on its way; wait for it, so that it is cleared below
        }
        Thread.interrupted(); // it was meant for the call, which is over
      }
    }
  }

  @Override
  public void dispose() {
    call.dispose();
    for (;;) {
      int state = get();
      if (state >= FINISHED) {
        return;
      }
      if (state == READY) {
        if (compareAndSet(READY, INTERRUPTED)) {
          return;
        }
      } else if (compareAndSet(RUNNING, INTERRUPTING)) {
        Thread running = thread;
        if (running != null) {
          running.interrupt();
        }
        set(INTERRUPTED);
        return;
      }
    }
  }

  @Override
  public boolean isDisposed() {
    return get() >= INTERRUPTING;
  }
}
