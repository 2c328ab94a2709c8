package io.github.triggerruns.androidcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.android.tools.r8.ClassFileConsumer;
import com.android.tools.r8.CompilationMode;
import com.android.tools.r8.D8;
import com.android.tools.r8.D8Command;
import com.android.tools.r8.JdkClassFileProvider;
import com.android.tools.r8.OutputMode;
import com.android.tools.r8.ProgramConsumer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.codehaus.mojo.animal_sniffer.SignatureChecker;
import org.codehaus.mojo.animal_sniffer.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The library's own code (facade and generated client) dexes for {@code minSdk 21} with core-library
 * desugaring, and what it references after desugaring exists on an API 21 device. Desugaring rewrites most
 * of what it provides ({@code java.time}, streams, {@code Base64}, ...) to its own {@code j$} classes, ships a
 * few classes under their own names ({@code java.util.function}) and backports static methods; anything else
 * above API 21 is left as is and is reported here with where it is used. The
 * build's animal-sniffer check (API 21 with desugaring, class by class) lets some of these through, such as
 * {@code CompletableFuture} (API 24), which would crash on API 21-23.
 */
class Api21DexTest {
  private static final int MIN_API = 21;

  @Test
  void theLibraryDexesForApi21() throws Exception {
    Path dex = AndroidToolchain.freshDirectory("dex-api21");
    AndroidToolchain.Diagnostics diagnostics = desugar(new ArrayList<>(), OutputMode.DexIndexed, dex);
    assertThat(diagnostics.errors).as(diagnostics.toString()).isEmpty();
    try (Stream<Path> files = Files.list(dex)) {
      assertThat(files.map(f -> f.getFileName().toString())).contains("classes.dex");
    }
  }

  @Test
  void afterDesugaringTheLibraryUsesOnlyApi21() throws Exception {
    Path desugared = AndroidToolchain.freshDirectory("desugared-api21").resolve("library.jar");
    AndroidToolchain.Diagnostics diagnostics = desugar(new ArrayList<>(), OutputMode.ClassFile, desugared);
    assertThat(diagnostics.errors).as(diagnostics.toString()).isEmpty();

    assertThat(api21Violations(desugared))
        .as("APIs the library uses that an API %d device lacks and core-library desugaring does not provide",
            MIN_API)
        .isEmpty();
  }

  /** The D8 step of an app with minSdk 21 and core-library desugaring, over the library's own jars. */
  private static AndroidToolchain.Diagnostics desugar(List<String> unused, OutputMode mode, Path output)
      throws Exception {
    List<Path> library = AndroidToolchain.libraryJars();
    assertThat(library).hasSize(3); // the facade, the generated client, server-rules
    AndroidToolchain.Diagnostics diagnostics = new AndroidToolchain.Diagnostics();
    D8.run(D8Command.builder(diagnostics)
        .addProgramFiles(library)
        .addClasspathFiles(dependencies())
        .addLibraryResourceProvider(JdkClassFileProvider.fromSystemJdk())
        .setMinApiLevel(MIN_API)
        .addDesugaredLibraryConfiguration(AndroidToolchain.desugaredLibraryConfiguration())
        .setMode(CompilationMode.RELEASE)
        .setOutput(output, mode)
        .build());
    return diagnostics;
  }

  private static List<Path> dependencies() {
    List<Path> library = AndroidToolchain.libraryJars();
    return AndroidToolchain.runtimeClasspath().stream().filter(jar -> !library.contains(jar))
        .collect(Collectors.toList());
  }

  /**
   * animal-sniffer over the desugared classes against API 21 itself (no desugaring in the signature): what
   * desugaring provides is in {@code j$} by now, so every other reference outside the app's own jars must be
   * on the device.
   */
  private static List<String> api21Violations(Path desugared) throws Exception {
    List<Path> appJars = new ArrayList<>(dependencies());
    appJars.add(desugared);
    Set<String> providedByTheApp = AndroidToolchain.classNames(appJars);
    providedByTheApp.add("j$.*");
    // A call to a dependency's static interface method (RxJava's Disposable.empty(), say) is rewritten to
    // the interface's companion class X$-CC, which D8 writes when the app desugars that dependency too.
    for (String dependencyClass : AndroidToolchain.classNames(dependencies())) {
      providedByTheApp.add(dependencyClass + "$-CC");
    }
    providedByTheApp.addAll(AndroidToolchain.classesDesugaringProvides(MIN_API));
    List<String> violations = new ArrayList<>();
    Logger logger = new Logger() {
      @Override public void info(String message) {}
      @Override public void info(String message, Throwable t) {}
      @Override public void debug(String message) {}
      @Override public void debug(String message, Throwable t) {}
      @Override public void warn(String message) {}
      @Override public void warn(String message, Throwable t) {}
      @Override public void error(String message) {
        violations.add(message);
      }
      @Override public void error(String message, Throwable t) {
        violations.add(message + ": " + t);
      }
    };
    try (InputStream signature = Files.newInputStream(AndroidToolchain.androidApi21Signature())) {
      SignatureChecker checker = new SignatureChecker(signature, providedByTheApp, logger);
      checker.setSourcePath(new ArrayList<>()); // no sources: lines come from the class files
      checker.process(desugared.toFile());
    }
    return violations;
  }
}
