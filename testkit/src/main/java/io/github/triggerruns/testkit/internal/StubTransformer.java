package io.github.triggerruns.testkit.internal;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;

/**
 * A transformer of the fake server: applied only by the stub that names it (so the catch-all 404 stays
 * untouched), replacing the stub's empty response with what an endpoint computes.
 */
public abstract class StubTransformer implements ResponseTransformerV2 {
  private final String name;

  /** A transformer the stubs refer to as {@code name}. */
  protected StubTransformer(String name) {
    this.name = name;
  }

  @Override
  public final String getName() {
    return name;
  }

  @Override
  public final boolean applyGlobally() {
    return false;
  }
}
