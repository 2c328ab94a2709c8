package io.github.triggerruns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The library jars as users get them: each has a stable module name on the module path (its
 * Automatic-Module-Name), not one derived from the file name. Run by failsafe after the jars are packaged,
 * so the classes below come from the jars themselves.
 */
class LibraryJarsIT {
  @ParameterizedTest
  @CsvSource({
      "io.github.triggerruns.generated.model.ListRunItem, io.github.triggerruns.generated",
      "io.github.triggerruns.Run, io.github.triggerruns",
      "io.github.triggerruns.testkit.FakeTriggerServer, io.github.triggerruns.testkit"})
  void eachLibraryJarNamesItsModule(String className, String moduleName) throws Exception {
    Path jar = Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(jar).isRegularFile();
    assertThat(jar.getFileName().toString()).endsWith(".jar");

    Set<ModuleDescriptor> modules = ModuleFinder.of(jar).findAll().stream().map(ModuleReference::descriptor)
        .collect(Collectors.toSet());

    assertThat(modules).singleElement().satisfies(module -> {
      assertThat(module.name()).isEqualTo(moduleName);
      assertThat(module.isAutomatic()).isTrue();
    });
  }
}
