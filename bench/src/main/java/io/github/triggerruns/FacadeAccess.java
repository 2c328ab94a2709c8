package io.github.triggerruns;

import io.github.triggerruns.internal.paging.PageFactory;

/**
 * What {@code RequestStackBenchmark} needs from the facade's package to wire the request stack by hand, as
 * {@link TriggerRuns.Builder#build()} does: the factory of the public {@link Run} and {@link Page}, whose
 * constructors are package-private. In the facade's package for that reason only; nothing else uses it.
 */
public final class FacadeAccess {
  private FacadeAccess() {}

  /** The factory {@link TriggerRuns.Builder#build()} hands to the page fetcher. */
  public static PageFactory pageFactory() {
    return PublicPageFactory.INSTANCE;
  }
}
