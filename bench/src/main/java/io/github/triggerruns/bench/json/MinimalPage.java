package io.github.triggerruns.bench.json;

import java.util.List;

/**
 * The least a caller can decode a page into: four fields of each run, timestamps left as text, every other
 * field skipped. The floor of decoding cost, not a usable model.
 */
public final class MinimalPage {
  /** One run, barely. */
  public static final class MinimalRun {
    public String id;
    public String status;
    public String taskIdentifier;
    public String createdAt;
  }

  /** The cursors. */
  public static final class Pagination {
    public String next;
    public String previous;
  }

  public List<MinimalRun> data;
  public Pagination pagination;
}
