package io.github.triggerruns.internal.json;

import com.google.gson.JsonElement;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The fields of one run that the spec does not declare, in the order received: two parallel arrays rather
 * than a hash map, because every run of every page carries a dozen of them and a LinkedHashMap per run was
 * most of what keeping them cost. Lookups scan; a run has few such fields. Read-only once decoded.
 */
final class UndeclaredFields extends AbstractMap<String, JsonElement> {
  private String[] names = new String[16];
  private JsonElement[] values = new JsonElement[16];
  private int size;

  /** Appends a field while decoding; a repeated name keeps its last value, as a JSON object does. */
  void add(String name, JsonElement value) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        values[i] = value;
        return;
      }
    }
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    names[size] = name;
    values[size++] = value;
  }

  @Override
  public JsonElement get(Object name) {
    for (int i = 0; i < size; i++) {
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
    return size;
  }

  @Override
  public Set<Entry<String, JsonElement>> entrySet() {
    return new AbstractSet<Entry<String, JsonElement>>() {
      @Override
      public Iterator<Entry<String, JsonElement>> iterator() {
        return new Iterator<Entry<String, JsonElement>>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Entry<String, JsonElement> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(names[i], values[i]);
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }
}
