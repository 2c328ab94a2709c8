package io.github.triggerruns.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This library's version, from the build, for the User-Agent. */
public final class TriggerRunsVersion {
  /** The version, or {@code unknown} when the build metadata is missing (e.g. shrunk away). */
  public static final String VERSION = load();

  private TriggerRunsVersion() {}

  private static String load() {
    try (InputStream in = TriggerRunsVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
