package io.github.triggerruns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The R8/ProGuard rules shipped in the jar name classes that exist: a rule naming a class that was renamed
 * or moved keeps nothing, and the shrunk Android app then fails only at run time.
 */
class ProguardRulesTest {
  private static final Pattern NAMED_CLASS = Pattern.compile("^-keep\\w*\\s+class\\s+([\\w.$]+)\\s*(\\{|$)");

  @Test
  void everyClassNamedInTheConsumerRulesExists() throws IOException, ClassNotFoundException {
    String rules;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/proguard/trigger-runs.pro")) {
      assertThat(in).as("the jar carries its R8 rules").isNotNull();
      rules = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> named = new ArrayList<>();
    for (String line : rules.split("\n")) {
      Matcher m = NAMED_CLASS.matcher(line.trim());
      if (m.find() && !m.group(1).contains("*")) {
        named.add(m.group(1));
      }
    }

    assertThat(named).contains("io.github.triggerruns.internal.json.ListRunItemWithExtras");
    for (String className : named) {
      Class.forName(className, false, getClass().getClassLoader());
    }
  }
}
