package io.github.triggerruns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The public API is the package {@code io.github.triggerruns}: no public or protected signature of it may
 * mention a generated type (they change whenever the spec does) or an internal one (plumbing, free to
 * change), and the values the client makes are not built by users.
 */
class PublicApiTest {
  private static final String PACKAGE = "io.github.triggerruns";

  @Test
  void noPublicSignatureMentionsAGeneratedOrInternalType() throws Exception {
    Set<String> leaks = new TreeSet<>();
    for (Class<?> type : publicClasses()) {
      check(type.getName() + " extends", type.getGenericSuperclass(), leaks);
      for (Type implemented : type.getGenericInterfaces()) {
        check(type.getName() + " implements", implemented, leaks);
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (visible(constructor)) {
          checkAll(constructor.toGenericString(), constructor.getGenericParameterTypes(), leaks);
          checkAll(constructor.toGenericString(), constructor.getGenericExceptionTypes(), leaks);
        }
      }
      for (Method method : type.getDeclaredMethods()) {
        if (visible(method) && !method.isSynthetic()) {
          check(method.toGenericString(), method.getGenericReturnType(), leaks);
          checkAll(method.toGenericString(), method.getGenericParameterTypes(), leaks);
          checkAll(method.toGenericString(), method.getGenericExceptionTypes(), leaks);
        }
      }
      for (Field field : type.getDeclaredFields()) {
        if (visible(field) && !field.isSynthetic()) {
          check(field.toGenericString(), field.getGenericType(), leaks);
        }
      }
    }

    assertThat(leaks).isEmpty();
  }

  @Test
  void runsAndPagesAreMadeByTheClientOnly() {
    assertThat(Run.class.getConstructors()).isEmpty();
    assertThat(Page.class.getConstructors()).isEmpty();
  }

  @Test
  void theScanSeesTheWholePublicApiIncludingNestedTypes() throws Exception {
    assertThat(publicClasses()).contains(TriggerRuns.class, TriggerRuns.Builder.class, Run.class, Page.class,
        RunEvent.Type.class).doesNotContain(PublicPageFactory.class);
  }

  /** The public top-level and nested classes of the package, from the compiled classes beside this test's. */
  private static List<Class<?>> publicClasses() throws URISyntaxException, ClassNotFoundException {
    File dir = new File(Objects.requireNonNull(TriggerRuns.class.getResource("TriggerRuns.class")).toURI())
        .getParentFile();
    String[] names = Objects.requireNonNull(dir.list((d, name) -> name.endsWith(".class")));
    Arrays.sort(names);
    List<Class<?>> classes = new ArrayList<>();
    for (String file : names) {
      Class<?> type = Class.forName(PACKAGE + "." + file.substring(0, file.length() - ".class".length()));
      if (isPublic(type)) {
        classes.add(type);
      }
    }
    return classes;
  }

  private static boolean isPublic(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(Member member) {
    return Modifier.isPublic(member.getModifiers()) || Modifier.isProtected(member.getModifiers());
  }

  private static void checkAll(String where, Type[] types, Set<String> leaks) {
    for (Type type : types) {
      check(where, type, leaks);
    }
  }

  private static void check(String where, Type type, Set<String> leaks) {
    if (type instanceof Class) {
      Class<?> raw = (Class<?>) type;
      while (raw.isArray()) {
        raw = raw.getComponentType();
      }
      if (raw.getName().startsWith(PACKAGE + ".generated.") || raw.getName().startsWith(PACKAGE + ".internal.")) {
        leaks.add(where + " mentions " + raw.getName());
      }
    } else if (type instanceof ParameterizedType) {
      check(where, ((ParameterizedType) type).getRawType(), leaks);
      checkAll(where, ((ParameterizedType) type).getActualTypeArguments(), leaks);
    } else if (type instanceof WildcardType) {
      checkAll(where, ((WildcardType) type).getUpperBounds(), leaks);
      checkAll(where, ((WildcardType) type).getLowerBounds(), leaks);
    } else if (type instanceof GenericArrayType) {
      check(where, ((GenericArrayType) type).getGenericComponentType(), leaks);
    } else if (type instanceof TypeVariable) {
      checkAll(where, ((TypeVariable<?>) type).getBounds(), leaks);
    }
  }
}
