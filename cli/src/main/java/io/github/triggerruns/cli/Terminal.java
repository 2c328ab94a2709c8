package io.github.triggerruns.cli;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What the output goes to: whether colours are wanted and whether a progress line can be redrawn. Output
 * piped to a file or a program gets neither, so it stays plain text.
 *
 * @param color colour the status column with ANSI escapes
 * @param progress redraw a progress line on stderr with {@code \r}
 */
public record Terminal(boolean color, boolean progress) {
  /** Plain output: no colours, no progress line (pipes, files, tests). */
  public static final Terminal PLAIN = new Terminal(false, false);

  /**
   * The process's own terminal: interactive when {@code System.console()} exists (stdin and stdout are a
   * terminal); colours unless {@code NO_COLOR} is set (https://no-color.org).
   */
  public static Terminal detect(Function<String, @Nullable String> environment) {
    boolean interactive = System.console() != null;
    String noColor = environment.apply("NO_COLOR");
    return new Terminal(interactive && (noColor == null || noColor.isEmpty()), interactive);
  }
}
