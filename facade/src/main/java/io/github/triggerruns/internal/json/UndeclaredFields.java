package io.github.triggerruns.internal.json;

import com.google.gson.JsonElement;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The fields of one run that the spec does not declare: two exact-size parallel arrays rather than a hash
 * map, because every run of every page carries a dozen of them and a LinkedHashMap per run was most of
 * what keeping them cost. Immutable, so runs can be handed between threads.
 *
 * <p>A JSON object may repeat a name; the last value wins, as in Gson's tree model. Duplicates are resolved
 * when read, not when decoded: checking every name against the ones before it cost 3% of decoding a page,
 * and real answers never repeat one. An entry is shown in iteration only at its last occurrence.
 */
final class UndeclaredFields extends AbstractMap<String, JsonElement> {
  private final String[] names;
  private final JsonElement[] values;

  /** Takes ownership of both arrays, which have one slot per field received, in order. */
  UndeclaredFields(String[] names, JsonElement[] values) {
    this.names = names;
    this.values = values;
  }

  @Override
  public JsonElement get(Object name) {
    for (int i = names.length - 1; i >= 0; i--) {
      if (names[i].equals(name)) {
        return values[i];
      }
    }
    return null;
  }

  @Override
  public boolean containsKey(Object name) {
    return get(name) != null;
  }

  @Override
  public int size() {
    int size = 0;
    for (int i = 0; i < names.length; i++) {
      if (isLastOccurrence(i)) {
        size++;
      }
    }
    return size;
  }

  private boolean isLastOccurrence(int index) {
    for (int later = index + 1; later < names.length; later++) {
      if (names[later].equals(names[index])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Set<Entry<String, JsonElement>> entrySet() {
    return new AbstractSet<Entry<String, JsonElement>>() {
      @Override
      public Iterator<Entry<String, JsonElement>> iterator() {
        return new Iterator<Entry<String, JsonElement>>() {
          private int next = advance(0);

          private int advance(int from) {
            int i = from;
            while (i < names.length && !isLastOccurrence(i)) {
              i++;
            }
            return i;
          }

          @Override
          public boolean hasNext() {
            return next < names.length;
          }

          @Override
          public Entry<String, JsonElement> next() {
            if (next >= names.length) {
              throw new NoSuchElementException();
            }
            int i = next;
            next = advance(i + 1);
            return new SimpleImmutableEntry<>(names[i], values[i]);
          }
        };
      }

      @Override
      public int size() {
        return UndeclaredFields.this.size();
      }
    };
  }
}
