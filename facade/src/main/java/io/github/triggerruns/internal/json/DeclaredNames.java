package io.github.triggerruns.internal.json;

import com.google.gson.annotations.SerializedName;
import java.lang.reflect.Field;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/** The JSON names a generated model declares: what is "undeclared" follows the spec as it grows. */
public final class DeclaredNames {
  private DeclaredNames() {}

  /** The serialized names of {@code model}'s fields and its superclasses'. */
  public static Set<String> of(Class<?> model) {
    Set<String> names = new HashSet<>();
    for (Class<?> c = model; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        SerializedName name = field.getAnnotation(SerializedName.class);
        if (name != null) {
          names.add(name.value());
        }
      }
    }
    return Collections.unmodifiableSet(names);
  }
}
