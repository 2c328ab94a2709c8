package io.github.triggerruns.testkit;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jspecify.annotations.Nullable;

/**
 * JUnit 5 extension that runs a {@link FakeTriggerServer} around a test class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static FakeTriggerServerExtension trigger = FakeTriggerServerExtension.withRuns(500);
 *
 * @Test
 * void listsRuns() {
 *   var client = MyClient.create(trigger.baseUrl(), trigger.secretKey());
 *   ...
 * }
 * }</pre>
 *
 * <p>In a {@code static} field the server starts before all tests of the class and stops after
 * them (including the tests of {@code @Nested} classes). In an instance field, where JUnit calls no
 * class-level callbacks, it starts before each test and stops after it; with JUnit's default
 * per-method lifecycle every test then gets a fresh server.
 */
public final class FakeTriggerServerExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final FakeTriggerServer server;
  // The context that started the server stops it: @Nested classes and their tests also get the
  // class-level callbacks of an outer static field, and must not stop the outer class's server.
  private @Nullable String startedBy;

  private FakeTriggerServerExtension(FakeTriggerServer server) {
    this.server = server;
  }

  /** A server with {@code runs} generated runs and every other setting at its default. */
  public static FakeTriggerServerExtension withRuns(int runs) {
    return of(FakeTriggerServer.builder().runs(runs));
  }

  /** A server configured by {@code builder}. */
  public static FakeTriggerServerExtension of(FakeTriggerServer.Builder builder) {
    return new FakeTriggerServerExtension(Objects.requireNonNull(builder, "builder").build());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    startIfStopped(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stopIfStartedBy(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    startIfStopped(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stopIfStartedBy(context);
  }

  private synchronized void startIfStopped(ExtensionContext context) {
    if (!server.isRunning()) {
      server.start();
      startedBy = context.getUniqueId();
    }
  }

  private synchronized void stopIfStartedBy(ExtensionContext context) {
    if (context.getUniqueId().equals(startedBy)) {
      server.stop();
      startedBy = null;
    }
  }

  /** The running server, for adding runs, changing faults or reading counters. */
  public FakeTriggerServer server() {
    return server;
  }

  /** The server's base URL, e.g. {@code http://127.0.0.1:54321}. */
  public String baseUrl() {
    return server.baseUrl();
  }

  /** The secret key the server accepts. */
  public String secretKey() {
    return server.secretKey();
  }
}
