package io.github.triggerruns.testkit.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * Validation issues shaped like the zod issues the live server returns in a 400 body:
 * {@code {"error":"Query Error","details":[{"code":...,"message":...,"path":[...]}]}}.
 */
public final class Issues {
  private Issues() {}

  /** The 400 body for the given issues. */
  public static JsonObject queryError(List<JsonObject> issues) {
    JsonObject body = new JsonObject();
    body.addProperty("error", "Query Error");
    JsonArray details = new JsonArray();
    issues.forEach(details::add);
    body.add("details", details);
    return body;
  }

  /** A {@code custom} issue (status values, isTest, cursors). */
  public static JsonObject custom(String path, String message) {
    JsonObject issue = new JsonObject();
    issue.addProperty("code", "custom");
    issue.addProperty("message", message);
    return withPath(issue, path);
  }

  /** zod's {@code too_small} for numbers. */
  static JsonObject tooSmall(String path, long minimum, boolean inclusive) {
    JsonObject issue = new JsonObject();
    issue.addProperty("code", "too_small");
    issue.addProperty("minimum", minimum);
    issue.addProperty("type", "number");
    issue.addProperty("inclusive", inclusive);
    issue.addProperty("exact", false);
    issue.addProperty(
        "message",
        inclusive
            ? "Number must be greater than or equal to " + minimum
            : "Number must be greater than " + minimum);
    return withPath(issue, path);
  }

  /** zod's {@code too_big} for numbers. */
  static JsonObject tooBig(String path, long maximum) {
    JsonObject issue = new JsonObject();
    issue.addProperty("code", "too_big");
    issue.addProperty("maximum", maximum);
    issue.addProperty("type", "number");
    issue.addProperty("inclusive", true);
    issue.addProperty("exact", false);
    issue.addProperty("message", "Number must be less than or equal to " + maximum);
    return withPath(issue, path);
  }

  /** zod's {@code invalid_type}, e.g. expected "integer", received "float". */
  static JsonObject invalidType(String path, String expected, String received) {
    JsonObject issue = new JsonObject();
    issue.addProperty("code", "invalid_type");
    issue.addProperty("expected", expected);
    issue.addProperty("received", received);
    issue.addProperty("message", "Expected " + expected + ", received " + received);
    return withPath(issue, path);
  }

  /** zod's {@code invalid_date}. */
  static JsonObject invalidDate(String path) {
    JsonObject issue = new JsonObject();
    issue.addProperty("code", "invalid_date");
    issue.addProperty("message", "Invalid date");
    return withPath(issue, path);
  }

  private static JsonObject withPath(JsonObject issue, String path) {
    JsonArray p = new JsonArray();
    p.add(path);
    issue.add("path", p);
    return issue;
  }
}
