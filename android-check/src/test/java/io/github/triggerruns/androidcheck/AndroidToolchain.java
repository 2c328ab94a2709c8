package io.github.triggerruns.androidcheck;

import com.android.tools.r8.CompilationFailedException;
import com.android.tools.r8.Diagnostic;
import com.android.tools.r8.DiagnosticsHandler;
import com.android.tools.r8.ExtractR8Rules;
import com.android.tools.r8.ExtractR8RulesCommand;
import com.android.tools.r8.Version;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The inputs an Android build would have, laid out by this module's pom: the app's runtime classpath, the
 * consumer app's classes, Android's API 21 class library and the desugaring configuration; plus the rules
 * the jars ship, selected the way the Android Gradle plugin selects them for this R8 version.
 */
final class AndroidToolchain {
  private static final Path INPUTS = Paths.get(System.getProperty("android-check.inputs"));
  private static final Path WORK = Paths.get(System.getProperty("android-check.work"));

  private AndroidToolchain() {}

  /** The jars an app depending on the facade gets at run time, the facade first. */
  static List<Path> runtimeClasspath() {
    String line = read(INPUTS.resolve("runtime-classpath.txt")).trim();
    return Arrays.stream(line.split(File.pathSeparator)).map(Paths::get).collect(Collectors.toList());
  }

  /** The library's own jars: the facade and the generated client. */
  static List<Path> libraryJars() {
    return runtimeClasspath().stream()
        .filter(jar -> jar.getFileName().toString().startsWith("trigger-runs"))
        .collect(Collectors.toList());
  }

  /** The consumer app (src/main), packed as a jar. */
  static Path consumerJar() {
    Path classes = Paths.get(System.getProperty("android-check.consumer"));
    Path jar = freshDirectory("consumer").resolve("consumer.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jar;
  }

  /** Android API 21's classes and members (animal-sniffer signature, no desugaring): what the oldest device has. */
  static Path androidApi21Signature() {
    return INPUTS.resolve("android-api-21.signature");
  }

  /** The desugared-library configuration (JSON) that goes with the desugar_jdk_libs the README names. */
  static String desugaredLibraryConfiguration() {
    try (JarFile jar = new JarFile(INPUTS.resolve("desugar_jdk_libs_configuration.jar").toFile());
        InputStream in = jar.getInputStream(jar.getEntry("META-INF/desugar/d8/desugar.json"))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The classes core-library desugaring provides whole at the given minimum API level, by name: the list
   * Android Lint reads from the same configuration. Most move to {@code j$} when desugared; some, such as
   * {@code java.util.function}, keep their name and ship in the app.
   */
  static Set<String> classesDesugaringProvides(int minApi) {
    try (JarFile jar = new JarFile(INPUTS.resolve("desugar_jdk_libs_configuration.jar").toFile())) {
      JarEntry list = jar.stream()
          .filter(e -> e.getName().startsWith("META-INF/desugar/d8/lint/")
              && e.getName().endsWith("_" + minApi + ".txt"))
          .findFirst().orElseThrow(() -> new IllegalStateException("no desugared API list for " + minApi));
      try (InputStream in = jar.getInputStream(list)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
            .filter(line -> !line.isBlank() && !line.contains("#"))
            .map(line -> line.trim().replace('/', '.'))
            .collect(Collectors.toSet());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names of the classes in the given jars, e.g. {@code okhttp3.OkHttpClient}. */
  static Set<String> classNames(List<Path> jars) {
    Set<String> names = new HashSet<>();
    for (Path jar : jars) {
      try (JarFile file = new JarFile(jar.toFile())) {
        file.stream().map(JarEntry::getName)
            .filter(name -> name.endsWith(".class") && !name.startsWith("META-INF/"))
            .forEach(name -> names.add(name.substring(0, name.length() - ".class".length()).replace('/', '.')));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return names;
  }

  /**
   * The keep rules the given jars ship, as this R8 version would apply them in an Android build:
   * rules under {@code META-INF/com.android.tools/} for this R8 version where a jar has them, else
   * {@code META-INF/proguard/}.
   */
  static String shippedRules(List<Path> jars) {
    Path out = freshDirectory("rules").resolve("shipped-rules.pro");
    List<String> args = new ArrayList<>(Arrays.asList(
        "--rules-output", out.toString(), "--compiler-version", Version.getMajorVersion() + "." + Version.getMinorVersion() + "." + Version.getPatchVersion(),
        "--include-origin-comments"));
    jars.forEach(jar -> args.add(jar.toString()));
    try {
      ExtractR8Rules.run(ExtractR8RulesCommand.parse(args.toArray(new String[0])).build());
    } catch (CompilationFailedException e) {
      throw new IllegalStateException("could not read the rules the jars ship", e);
    }
    return read(out);
  }

  /** An empty directory under target/android-check. */
  static Path freshDirectory(String name) {
    Path dir = WORK.resolve(name);
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> old = Files.walk(dir)) {
          for (Path p : old.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
            Files.delete(p);
          }
        }
      }
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Collects R8's errors and warnings, so a failed build says why. */
  static final class Diagnostics implements DiagnosticsHandler {
    final List<String> errors = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    @Override
    public void error(Diagnostic diagnostic) {
      errors.add(text(diagnostic));
    }

    @Override
    public void warning(Diagnostic diagnostic) {
      warnings.add(text(diagnostic));
    }

    @Override
    public void info(Diagnostic diagnostic) {}

    private static String text(Diagnostic diagnostic) {
      return diagnostic.getDiagnosticMessage() + " (" + diagnostic.getOrigin() + ")";
    }

    @Override
    public String toString() {
      return "errors: " + String.join("\n", errors) + "\nwarnings: " + String.join("\n", warnings);
    }
  }
}
