package io.github.triggerruns.cli;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code trigger-runs} command: global options (key, API URL, verbosity, retries) and the subcommands
 * {@code list}, {@code watch} and {@code export}. Without a key it serves demo runs from a local fake
 * server (the sandbox), so the first command a newcomer types shows real output.
 *
 * <p>Everything the process takes from its surroundings (environment variables, whether it runs on a
 * terminal, stdout and stderr) is passed in, so tests run the whole tool in-process.
 */
@Command(
    name = "trigger-runs",
    mixinStandardHelpOptions = true,
    versionProvider = TriggerRunsCommand.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "List, watch and export the runs of a Trigger.dev environment; show, cancel, replay or reschedule one.",
        "Without TRIGGER_SECRET_KEY (or --key) it serves demo runs from a local fake server: the sandbox."},
    subcommands = {ListCommand.class, WatchCommand.class, ExportCommand.class, GetCommand.class,
        CancelCommand.class, ReplayCommand.class, RescheduleCommand.class, TokenCommand.class,
        CommandLine.HelpCommand.class},
    footerHeading = "%nEnvironment:%n",
    footer = {
        "  TRIGGER_SECRET_KEY    the secret key (then TRIGGER_ACCESS_TOKEN)",
        "  TRIGGER_ACCESS_TOKEN  a public access token (a JWT) when no secret key is set",
        "  TRIGGER_API_URL       the API base URL (default https://api.trigger.dev)",
        "  NO_COLOR              no colours even on a terminal"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:done",
        "1:unexpected failure (e.g. a file could not be written)",
        "2:usage: bad flags or values, rejected before any request",
        "3:authentication: the key was not accepted (401/403)",
        "4:the API answered with an error (400, 404, 429, 5xx)",
        "5:network: no answer from the API"})
public final class TriggerRunsCommand implements Callable<Integer> {
  @Option(names = "--key", scope = ScopeType.INHERIT, paramLabel = "KEY",
      description = "Secret key (tr_dev_..., tr_prod_...); default: TRIGGER_SECRET_KEY, then TRIGGER_ACCESS_TOKEN.")
  @Nullable String key;

  @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "JWT",
      description = "A public access token instead of a secret key: reads only what its scopes grant;"
          + " default: TRIGGER_ACCESS_TOKEN when it holds a JWT.")
  @Nullable String token;

  @Option(names = "--api-url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "API base URL; default: TRIGGER_API_URL, else https://api.trigger.dev.")
  @Nullable String apiUrl;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Log each HTTP request to stderr (key redacted) and print stack traces on errors.")
  boolean verbose;

  @Option(names = "--max-retries", scope = ScopeType.INHERIT, paramLabel = "N",
      description = "How many times a failed request is retried (default 4; 0 turns retries off).")
  @Nullable Integer maxRetries;

  @Spec CommandLine.Model.CommandSpec spec;

  private final Function<String, @Nullable String> environment;
  private final Terminal terminal;

  /**
   * A command reading {@code environment} for its variables and formatting for {@code terminal}.
   *
   * @param environment the process environment, e.g. {@code System::getenv}
   * @param terminal whether stdout/stderr are a terminal and colours are wanted
   */
  public TriggerRunsCommand(Function<String, @Nullable String> environment, Terminal terminal) {
    this.environment = Objects.requireNonNull(environment, "environment");
    this.terminal = Objects.requireNonNull(terminal, "terminal");
  }

  /** Runs the tool and exits with its exit code (see {@link ExitCodes}). */
  public static void main(String[] args) {
    // UTF-8 whatever the locale: tags carry Unicode, and JSON/CSV output must not turn it into '?'.
    PrintWriter out = new PrintWriter(new OutputStreamWriter(
        new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(
        new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
    int code = commandLine(System::getenv, Terminal.detect(System::getenv)).setOut(out).setErr(err)
        .execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * The configured command line: error handling, exit codes and help. Set its out/err, then
   * {@code execute(args)}.
   */
  public static CommandLine commandLine(Function<String, @Nullable String> environment, Terminal terminal) {
    TriggerRunsCommand top = new TriggerRunsCommand(environment, terminal);
    CommandLine commandLine = new CommandLine(top);
    commandLine.setExitCodeExceptionMapper(ExitCodes::of);
    commandLine.setExecutionExceptionHandler(top::handleExecutionException);
    commandLine.setParameterExceptionHandler(top::handleParameterException);
    return commandLine;
  }

  @Override
  public Integer call() {
    // No subcommand: show what there is, on stderr since nothing was done (as git does).
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  Function<String, @Nullable String> environment() {
    return environment;
  }

  Terminal terminal() {
    return terminal;
  }

  /**
   * {@code text} with the {@code --key} or {@code --token} given replaced: no output of this tool shows them.
   * A key or token from the environment reaches only the facade, which never writes it into a message or log.
   */
  String redact(String text) {
    String redacted = text;
    for (String secret : new String[] {key, token}) {
      if (secret != null && secret.trim().length() >= 4) {
        redacted = redacted.replace(secret.trim(), "<redacted>");
      }
    }
    return redacted;
  }

  private int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
    PrintWriter err = commandLine.getErr();
    if (verbose) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.print(redact(trace.toString()));
    }
    err.println("error: " + redact(ExitCodes.message(e)));
    err.flush();
    return ExitCodes.of(e);
  }

  private int handleParameterException(ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    // Only the key given on this command line can be in picocli's message (e.g. an unmatched argument).
    String message = String.valueOf(e.getMessage());
    for (int i = 0; i < args.length; i++) {
      String secret = args[i].startsWith("--key=") ? args[i].substring(6)
          : args[i].startsWith("--token=") ? args[i].substring(8)
          : (args[i].equals("--key") || args[i].equals("--token")) && i + 1 < args.length ? args[i + 1] : null;
      if (secret != null && secret.length() >= 4) {
        message = message.replace(secret, "<redacted>");
      }
    }
    err.println("error: " + message);
    err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.");
    err.flush();
    return ExitCodes.USAGE;
  }

  /** {@code --version}: the project version, filled in by the build. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties properties = new Properties();
      try (InputStream in = TriggerRunsCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      } catch (IOException e) {
        // Fall through to "unknown": --version must not fail.
      }
      return new String[] {"trigger-runs " + properties.getProperty("version", "unknown")};
    }
  }
}
