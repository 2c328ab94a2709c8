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
 * or moved keeps nothing, and the shrunk Android app then fails only at run time. R8 reads
 * META-INF/com.android.tools/ and then ignores META-INF/proguard/, so both must carry the same rules.
 * Whether the rules are enough is shown by android-check, which shrinks an app with R8 in full mode.
 */
class ProguardRulesTest {
  private static final String R8_RULES = "/META-INF/com.android.tools/r8/trigger-runs.pro";
  private static final String PROGUARD_RULES = "/META-INF/proguard/trigger-runs.pro";
  private static final Pattern NAMED_CLASS = Pattern.compile("^-keep\\w*(,\\w+)*\\s+class\\s+([\\w.$]+)\\s*(\\{|$)");

  @Test
  void r8AndProGuardGetTheSameRules() throws IOException {
    assertThat(rules(R8_RULES)).isEqualTo(rules(PROGUARD_RULES));
  }

  @Test
  void everyClassNamedInTheConsumerRulesExists() throws IOException, ClassNotFoundException {
    List<String> named = new ArrayList<>();
    for (String line : rules(R8_RULES).split("\n")) {
      Matcher m = NAMED_CLASS.matcher(line.trim());
      if (m.find() && !m.group(2).contains("*")) {
        named.add(m.group(2));
      }
    }

    assertThat(named).contains("io.github.triggerruns.internal.json.ListRunItemWithExtras");
    for (String className : named) {
      Class.forName(className, false, getClass().getClassLoader());
    }
  }

  private String rules(String resource) throws IOException {
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      assertThat(in).as("the jar carries %s", resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
