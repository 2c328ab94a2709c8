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
    return withPath(tooSmall(minimum, "number", inclusive, inclusive
        ? "Number must be greater than or equal to " + minimum
        : "Number must be greater than " + minimum), path);
  }

  private static JsonObject tooSmall(long minimum, String type, boolean inclusive, String message) {
    JsonObject issue = new JsonObject();
    issue.addProperty("code", "too_small");
    issue.addProperty("minimum", minimum);
    issue.addProperty("type", type);
    issue.addProperty("inclusive", inclusive);
    issue.addProperty("exact", false);
    issue.addProperty("message", message);
    return issue;
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
    JsonArray p = new JsonArray();
    p.add(path);
    return invalidType(p, expected, received);
  }

  /**
   * zod's {@code invalid_type} at a nested {@code path} (keys and indexes); a missing value is
   * received {@code "undefined"}, for which zod says {@code Required}.
   */
  public static JsonObject invalidType(JsonArray path, String expected, String received) {
    JsonObject issue = new JsonObject();
    issue.addProperty("code", "invalid_type");
    issue.addProperty("expected", expected);
    issue.addProperty("received", received);
    issue.add("path", path);
    issue.addProperty("message",
        received.equals("undefined") ? "Required" : "Expected " + expected + ", received " + received);
    return issue;
  }

  /** zod's {@code too_small} for an array of fewer than {@code minimum} elements. */
  public static JsonObject tooFewElements(JsonArray path, long minimum) {
    JsonObject issue = tooSmall(minimum, "array", true, "Array must contain at least " + minimum + " element(s)");
    issue.add("path", path);
    return issue;
  }

  /** zod's {@code invalid_union}: none of the options parsed; {@code optionIssues} holds each one's issues. */
  public static JsonObject invalidUnion(JsonArray path, List<List<JsonObject>> optionIssues) {
    JsonObject issue = new JsonObject();
    issue.addProperty("code", "invalid_union");
    JsonArray unionErrors = new JsonArray();
    for (List<JsonObject> issues : optionIssues) {
      JsonObject error = new JsonObject();
      JsonArray list = new JsonArray();
      issues.forEach(list::add);
      error.add("issues", list);
      error.addProperty("name", "ZodError");
      unionErrors.add(error);
    }
    issue.add("unionErrors", unionErrors);
    issue.add("path", path);
    issue.addProperty("message", "Invalid input");
    return issue;
  }

  /** zod's name for the type of a JSON value ({@code getParsedType}); null is a missing value. */
  public static String typeOf(com.google.gson.JsonElement value) {
    if (value == null) {
      return "undefined";
    }
    if (value.isJsonNull()) {
      return "null";
    }
    if (value.isJsonArray()) {
      return "array";
    }
    if (value.isJsonObject()) {
      return "object";
    }
    com.google.gson.JsonPrimitive primitive = value.getAsJsonPrimitive();
    return primitive.isString() ? "string" : primitive.isNumber() ? "number" : "boolean";
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
