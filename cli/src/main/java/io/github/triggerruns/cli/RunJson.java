package io.github.triggerruns.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * How this tool writes a run as JSON: {@link io.github.triggerruns.Run#toJson()}, the run the way the API
 * sent it (the same field names, absent fields left out, timestamps with milliseconds, and every field the
 * spec does not declare kept as received), written by {@link #GSON}.
 */
final class RunJson {
  /** Compact, no HTML escaping: output is for jq and programs, and tags may hold {@code <} or {@code =}. */
  static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private RunJson() {}
}
