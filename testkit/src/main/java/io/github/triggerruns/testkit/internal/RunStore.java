package io.github.triggerruns.testkit.internal;

import io.github.triggerruns.testkit.FakeRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The runs, kept in list order (createdAt descending, id descending) and read by keyset: a page
 * is "the next rows after this position", which is what makes cursors stable while runs are added
 * or changed. A read-write lock makes each page a consistent snapshot even while a test updates
 * runs (an update that moves a run must not let a concurrent page see it twice or not at all).
 */
public final class RunStore {
  private final NavigableMap<Cursor, FakeRun> byPosition = new TreeMap<>(Cursor.LIST_ORDER);
  private final Map<String, Cursor> positions = new HashMap<>();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  /** Adds a run whose id is new. */
  public void add(FakeRun run) {
    lock.writeLock().lock();
    try {
      if (positions.containsKey(run.id())) {
        throw new IllegalArgumentException("a run with id " + run.id() + " already exists");
      }
      put(run);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Replaces run {@code id} by {@code change(run)}, which must keep the id; returns the new run. */
  public FakeRun update(String id, UnaryOperator<FakeRun> change) {
    lock.writeLock().lock();
    try {
      Cursor position = positions.get(id);
      if (position == null) {
        throw new IllegalArgumentException("no run with id " + id);
      }
      FakeRun changed = change.apply(byPosition.get(position));
      if (!changed.id().equals(id)) {
        throw new IllegalArgumentException("a run's id cannot change: " + id + " -> " + changed.id());
      }
      byPosition.remove(position);
      put(changed);
      return changed;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The run with this id. */
  public Optional<FakeRun> get(String id) {
    lock.readLock().lock();
    try {
      Cursor position = positions.get(id);
      return position == null ? Optional.empty() : Optional.of(byPosition.get(position));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** All runs in list order. */
  public List<FakeRun> snapshot() {
    lock.readLock().lock();
    try {
      return List.copyOf(byPosition.values());
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Up to {@code limit} matching runs that come strictly after {@code position} in list order
   * (older), in list order; from the newest run when {@code position} is null.
   */
  public List<FakeRun> after(Cursor position, Predicate<FakeRun> filter, int limit) {
    lock.readLock().lock();
    try {
      NavigableMap<Cursor, FakeRun> tail =
          position == null ? byPosition : byPosition.tailMap(position, false);
      return take(tail, filter, limit);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Up to {@code limit} matching runs that come strictly before {@code position} in list order
   * (newer), nearest first: that is, oldest first.
   */
  public List<FakeRun> before(Cursor position, Predicate<FakeRun> filter, int limit) {
    lock.readLock().lock();
    try {
      return take(byPosition.headMap(position, false).descendingMap(), filter, limit);
    } finally {
      lock.readLock().unlock();
    }
  }

  private static List<FakeRun> take(
      NavigableMap<Cursor, FakeRun> rows, Predicate<FakeRun> filter, int limit) {
    List<FakeRun> out = new ArrayList<>(Math.min(limit, 128));
    for (FakeRun run : rows.values()) {
      if (out.size() >= limit) {
        break;
      }
      if (filter.test(run)) {
        out.add(run);
      }
    }
    return out;
  }

  private void put(FakeRun run) {
    Cursor position = Cursor.of(run);
    byPosition.put(position, run);
    positions.put(run.id(), position);
  }
}
