package io.github.triggerruns.testkit.internal.realtime;

import io.github.triggerruns.testkit.FakeRun;
import java.util.ArrayList;
import java.util.List;

/**
 * What a request may read: everything (the secret key), or what a public token's or an additional API
 * key's scopes grant, matched
 * as the live {@code buildJwtAbility} does: a scope is {@code action:type[:id]} (only the first two
 * colons split, so ids may hold colons), {@code *} as action and {@code all} as type are wildcards,
 * bare {@code admin} grants everything, and a scope without id grants every resource of its type.
 */
public final class Access {
  private static final Access FULL = new Access(null);

  private final List<String> scopes;

  private Access(List<String> scopes) {
    this.scopes = scopes;
  }

  /** The secret key's access. */
  public static Access full() {
    return FULL;
  }

  /** A public token's (or an additional API key's) access. */
  public static Access scopes(List<String> scopes) {
    return new Access(List.copyOf(scopes));
  }

  /** A resource a route checks: {@code type} with an {@code id}, or the whole type when id is null. */
  public static final class Resource {
    private final String type;
    private final String id;

    private Resource(String type, String id) {
      this.type = type;
      this.id = id;
    }

    String type() {
      return type;
    }

    String id() {
      return id;
    }

    /** The whole type, e.g. {@code runs}. */
    public static Resource of(String type) {
      return new Resource(type, null);
    }

    /** One resource, e.g. runs {@code run_1}. */
    public static Resource of(String type, String id) {
      return new Resource(type, id);
    }
  }

  /**
   * The resources a run answers to when a route reads it ({@code api.v3.runs.$runId.ts},
   * {@code realtime.v1.runs.$runId.ts}): its id, its task, each of its tags and its batch.
   */
  public static List<Resource> resourcesOf(FakeRun run) {
    List<Resource> resources = new ArrayList<>();
    resources.add(Resource.of("runs", run.id()));
    resources.add(Resource.of("tasks", run.taskIdentifier()));
    run.tags().forEach(tag -> resources.add(Resource.of("tags", tag)));
    if (run.batch() != null) {
      resources.add(Resource.of("batch", run.batch()));
    }
    return resources;
  }

  /** Whether {@code action} on any one of {@code anyOf} is allowed ({@code anyResource}; empty denies). */
  public boolean can(String action, List<Resource> anyOf) {
    if (scopes == null) {
      return true;
    }
    for (Resource resource : anyOf) {
      for (String scope : scopes) {
        if (matches(scope, action, resource)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The requested scopes this access may not hand on, as the live {@code scopesWithinAbility} decides
   * when an API key mints a public token: a scope without a type (other than bare {@code admin}) is
   * denied; any other is checked as {@code action} on its type (bare: {@code all}) and id.
   */
  public List<String> deniedScopes(List<String> requested) {
    List<String> denied = new ArrayList<>();
    for (String scope : requested) {
      String[] parsed = parse(scope);
      boolean allowed = parsed != null && (parsed[1] != null || parsed[0].equals("admin"))
          && can(parsed[0], List.of(Resource.of(parsed[1] == null ? "all" : parsed[1], parsed[2])));
      if (!allowed) {
        denied.add(scope);
      }
    }
    return denied;
  }

  private static boolean matches(String scope, String action, Resource resource) {
    String[] parsed = parse(scope);
    if (parsed == null) {
      return false;
    }
    String scopeAction = parsed[0];
    String type = parsed[1];
    String id = parsed[2];
    if (scopeAction.equals("admin") && type == null) {
      return true;
    }
    if (!scopeAction.equals(action) && !scopeAction.equals("*")) {
      return false;
    }
    if ("all".equals(type)) {
      return true;
    }
    if (type == null || !type.equals(resource.type())) {
      return false;
    }
    return id == null || id.equals(resource.id());
  }

  // parseScope: {action, type or null, id or null}, or null when there is no action.
  private static String[] parse(String scope) {
    String[] parts = scope.split(":", -1);
    if (parts[0].isEmpty()) {
      return null;
    }
    String type = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null;
    String id = null;
    if (parts.length > 2) {
      String joined = String.join(":", java.util.Arrays.copyOfRange(parts, 2, parts.length));
      id = joined.isEmpty() ? null : joined;
    }
    return new String[] {parts[0], type, id};
  }
}
