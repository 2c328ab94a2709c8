package io.github.triggerruns.internal.errors;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Request;

/**
 * The public access token scopes that would have let a refused request through, as the webapp's routes
 * check them ({@code api.v1.runs.ts}, {@code api.v3.runs.$runId.ts}, {@code api.v2.runs.$runParam.cancel.ts}),
 * for the message of a 403. Realtime feeds name their own ({@code ShapeFeed.scopes()}).
 */
final class RequiredScopes {
  // Matched at the end of the path: a base URL may put a prefix before /api (a proxy's path).
  private static final Pattern RUN_PATH = Pattern.compile("/api/v3/runs/([^/]+)$");
  private static final Pattern CANCEL_PATH = Pattern.compile("/api/v2/runs/([^/]+)/cancel$");

  private RequiredScopes() {}

  /** What a token needs for {@code request}; a secret key of the environment needs nothing. */
  static String of(Request request) {
    String path = request.url().encodedPath();
    String method = request.method();
    if (method.equals("GET") && path.endsWith("/api/v1/runs")) {
      return "the scope read:runs, or read:tasks:<task> for every task the filter names";
    }
    Matcher run = RUN_PATH.matcher(path);
    if (method.equals("GET") && run.find()) {
      return "read:runs:" + run.group(1) + " or read:runs, or read on the run's task, one of its tags or its batch";
    }
    Matcher cancel = CANCEL_PATH.matcher(path);
    if (method.equals("POST") && cancel.find()) {
      return "write:runs:" + cancel.group(1) + " or write:runs, or write:tasks:<task> for the run's task";
    }
    return "the scopes this route checks";
  }
}
