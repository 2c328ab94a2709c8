package io.github.triggerruns.internal.realtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One realtime feed: where to long-poll, with which fixed query parameters, and which scopes grant it. */
public final class ShapeFeed {
  private final List<String> pathSegments;
  private final Map<String, String> query;
  private final List<String> scopes;
  private final String description;

  /**
   * A feed at {@code pathSegments} below the base URL.
   *
   * @param scopes the public-token scopes that each grant the feed, for the message of a 403
   * @param description what is subscribed to, e.g. {@code run run_123}, for messages
   */
  public ShapeFeed(List<String> pathSegments, Map<String, String> query, List<String> scopes,
      String description) {
    this.pathSegments = Collections.unmodifiableList(pathSegments);
    this.query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    this.scopes = Collections.unmodifiableList(scopes);
    this.description = description;
  }

  List<String> pathSegments() {
    return pathSegments;
  }

  Map<String, String> query() {
    return query;
  }

  List<String> scopes() {
    return scopes;
  }

  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return "ShapeFeed{" + description + '}';
  }
}
