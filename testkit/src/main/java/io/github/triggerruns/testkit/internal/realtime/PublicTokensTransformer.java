package io.github.triggerruns.testkit.internal.realtime;

import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.github.triggerruns.testkit.internal.Answer;
import io.github.triggerruns.testkit.internal.Issues;
import io.github.triggerruns.testkit.internal.Json;
import io.github.triggerruns.testkit.internal.StubTransformer;
import io.github.triggerruns.testkit.internal.WireMockAnswers;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code POST /api/v1/auth/public-tokens} ({@code api.v1.auth.public-tokens.ts},
 * {@code handlePublicTokenRequest} in {@code publicTokens.server.ts}): an API key, the root key or an
 * additional one, asks the server to mint a public access token. In the route's order: the bearer check
 * without JWTs (401); a JSON body (400 {@code Invalid request body}) of the schema {@code {scopes: string[]
 * (at least one), expirationTime?: string | number, oneTimeUse?: boolean, realtime?: {skipColumns?:
 * string[]}}} (400 with zod's {@code issues}); scopes within the key's own (403
 * {@code scopes_exceed_key_access} naming the {@code deniedScopes}); an expiry (default {@code 15m}) of Unix
 * seconds or a relative time, in the future and at most 30 days away (400). The token,
 * {@code {"token": ...}}, is signed with the environment's root key (never the additional key), payload
 * {@code {sub, pub, scopes, otu?, realtime?, iss, aud, exp, iat}}.
 */
public final class PublicTokensTransformer extends StubTransformer {
  /** The name the public-tokens stub refers to. */
  public static final String NAME = "trigger-runs-public-tokens";

  private static final long MAX_LIFETIME_SECONDS = 30L * 24 * 60 * 60;
  // RELATIVE_TIME_PATTERN; \z for JavaScript's $ (which, unlike Java's, never matches before a final newline).
  private static final Pattern RELATIVE_TIME = Pattern.compile(
      "^(\\+|-)? ?(\\d+|\\d+\\.\\d+) ?(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)"
          + "(?: (ago|from now))?\\z",
      Pattern.CASE_INSENSITIVE);
  private static final Gson GSON = new Gson();

  private final JwtAuthenticator credentials;
  private final Clock clock;

  /** Mints tokens for the keys {@code credentials} accepts, dated by {@code clock}. */
  public PublicTokensTransformer(JwtAuthenticator credentials, Clock clock) {
    super(NAME);
    this.credentials = credentials;
    this.clock = clock;
  }

  @Override
  public Response transform(Response response, ServeEvent serveEvent) {
    return WireMockAnswers.respond(answer(
        WireMockAnswers.header(serveEvent.getRequest(), "Authorization"), serveEvent.getRequest().getBodyAsString()),
        response);
  }

  /** The route's answer to a request with this Authorization header (null: none) and body. */
  public Answer answer(String authorization, String body) {
    // "Only API keys may mint tokens": the bearer check with JWTs not allowed.
    Authenticator.Outcome auth = credentials.authenticate(authorization, false);
    if (auth.refusal() != null) {
      return auth.refusal();
    }
    JsonElement json = parseJson(body);
    if (json == null) {
      return Answer.error(400, "Invalid request body");
    }
    List<JsonObject> issues = issues(json);
    if (!issues.isEmpty()) {
      JsonObject answer = new JsonObject();
      answer.addProperty("error", "Invalid request body");
      JsonArray list = new JsonArray();
      issues.forEach(list::add);
      answer.add("issues", list);
      return Answer.json(400, answer);
    }
    JsonObject request = json.getAsJsonObject();
    List<String> scopes = new ArrayList<>();
    request.getAsJsonArray("scopes").forEach(scope -> scopes.add(scope.getAsString()));
    List<String> denied = auth.access().deniedScopes(scopes);
    if (!denied.isEmpty()) {
      JsonObject answer = new JsonObject();
      answer.addProperty("error", "Requested scopes exceed the API key's access");
      answer.addProperty("code", "scopes_exceed_key_access");
      JsonArray list = new JsonArray();
      denied.forEach(list::add);
      answer.add("deniedScopes", list);
      return Answer.json(403, answer);
    }
    long now = Math.floorDiv(clock.millis(), 1000);
    JsonElement expirationTime = request.get("expirationTime");
    Double expiresAt = expiresAt(expirationTime == null ? "15m" : expirationTime.getAsString(),
        expirationTime != null && expirationTime.getAsJsonPrimitive().isNumber(), now);
    if (expiresAt == null) {
      return Answer.error(400, "Invalid expiration time");
    }
    if (expiresAt <= now) {
      return Answer.error(400, "Expiration time must be in the future");
    }
    if (expiresAt - now > MAX_LIFETIME_SECONDS) {
      return Answer.error(400, "Expiration time cannot exceed 30 days");
    }
    JsonObject payload = new JsonObject();
    payload.addProperty("sub", credentials.environmentId());
    payload.addProperty("pub", true);
    JsonArray granted = new JsonArray();
    scopes.forEach(granted::add);
    payload.add("scopes", granted);
    JsonElement oneTimeUse = request.get("oneTimeUse");
    if (oneTimeUse != null && oneTimeUse.getAsBoolean()) {
      payload.addProperty("otu", true);
    }
    JsonElement realtime = request.get("realtime");
    if (realtime != null) {
      // zod strips the keys it does not know.
      JsonObject parsed = new JsonObject();
      JsonElement skipColumns = realtime.getAsJsonObject().get("skipColumns");
      if (skipColumns != null) {
        parsed.add("skipColumns", skipColumns);
      }
      payload.add("realtime", parsed);
    }
    payload.addProperty("iss", "https://id.trigger.dev");
    payload.addProperty("aud", "https://api.trigger.dev");
    payload.add("exp", Json.number(expiresAt));
    payload.addProperty("iat", now);
    JsonObject token = new JsonObject();
    token.addProperty("token", sign(Json.compact(payload), credentials.signingKey()));
    return Answer.json(200, token);
  }

  // request.json(): JSON.parse of the whole body, strictly; null when it throws.
  private static JsonElement parseJson(String body) {
    try {
      JsonReader reader = new JsonReader(new StringReader(body == null ? "" : body));
      reader.setStrictness(Strictness.STRICT);
      JsonElement json = GSON.getAdapter(JsonElement.class).read(reader);
      return reader.peek() == JsonToken.END_DOCUMENT ? json : null;
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
  }

  // RequestBodySchema's issues, in zod's order (keys in schema order, unknown keys stripped).
  private static List<JsonObject> issues(JsonElement json) {
    List<JsonObject> issues = new ArrayList<>();
    if (!json.isJsonObject()) {
      issues.add(Issues.invalidType(new JsonArray(), "object", Issues.typeOf(json)));
      return issues;
    }
    JsonObject body = json.getAsJsonObject();
    JsonElement scopes = body.get("scopes");
    if (scopes == null || !scopes.isJsonArray()) {
      issues.add(Issues.invalidType(path("scopes"), "array", Issues.typeOf(scopes)));
    } else {
      if (scopes.getAsJsonArray().isEmpty()) {
        issues.add(Issues.tooFewElements(path("scopes"), 1));
      }
      stringItems(scopes.getAsJsonArray(), path("scopes"), issues);
    }
    JsonElement expirationTime = body.get("expirationTime");
    String expirationType = expirationTime == null ? "undefined" : Issues.typeOf(expirationTime);
    if (!expirationType.equals("undefined") && !expirationType.equals("string") && !expirationType.equals("number")) {
      issues.add(Issues.invalidUnion(path("expirationTime"), List.of(
          List.of(Issues.invalidType(path("expirationTime"), "string", expirationType)),
          List.of(Issues.invalidType(path("expirationTime"), "number", expirationType)))));
    }
    JsonElement oneTimeUse = body.get("oneTimeUse");
    if (oneTimeUse != null && !Issues.typeOf(oneTimeUse).equals("boolean")) {
      issues.add(Issues.invalidType(path("oneTimeUse"), "boolean", Issues.typeOf(oneTimeUse)));
    }
    JsonElement realtime = body.get("realtime");
    if (realtime != null && !realtime.isJsonObject()) {
      issues.add(Issues.invalidType(path("realtime"), "object", Issues.typeOf(realtime)));
    } else if (realtime != null) {
      JsonElement skipColumns = realtime.getAsJsonObject().get("skipColumns");
      JsonArray skipPath = path("realtime");
      skipPath.add("skipColumns");
      if (skipColumns != null && !skipColumns.isJsonArray()) {
        issues.add(Issues.invalidType(skipPath, "array", Issues.typeOf(skipColumns)));
      } else if (skipColumns != null) {
        stringItems(skipColumns.getAsJsonArray(), skipPath, issues);
      }
    }
    return issues;
  }

  private static void stringItems(JsonArray items, JsonArray at, List<JsonObject> issues) {
    for (int i = 0; i < items.size(); i++) {
      String type = Issues.typeOf(items.get(i));
      if (!type.equals("string")) {
        JsonArray itemPath = at.deepCopy();
        itemPath.add(i);
        issues.add(Issues.invalidType(itemPath, "string", type));
      }
    }
  }

  private static JsonArray path(String key) {
    JsonArray path = new JsonArray();
    path.add(key);
    return path;
  }

  // expirationTimestamp: a number is the Unix seconds as given; a relative time counts from now
  // (Math.round of value times the unit's seconds, a year 365.25 days); null when it does not parse.
  private static Double expiresAt(String expirationTime, boolean isNumber, long now) {
    if (isNumber) {
      return Double.parseDouble(expirationTime);
    }
    Matcher match = RELATIVE_TIME.matcher(expirationTime);
    if (!match.find() || match.group(4) != null && match.group(1) != null) {
      return null;
    }
    double value = Double.parseDouble(match.group(2));
    String unit = match.group(3).toLowerCase(java.util.Locale.ROOT);
    double unitSeconds = unit.startsWith("s") ? 1
        : unit.startsWith("m") ? 60
        : unit.startsWith("h") ? 60 * 60
        : unit.startsWith("d") ? 24 * 60 * 60
        : unit.startsWith("w") ? 7 * 24 * 60 * 60
        : 365.25 * 24 * 60 * 60;
    long relativeSeconds = Math.round(value * unitSeconds);
    boolean isPast = "-".equals(match.group(1)) || "ago".equalsIgnoreCase(match.group(4));
    return (double) (now + (isPast ? -relativeSeconds : relativeSeconds));
  }

  // jose's SignJWT: header {"alg":"HS256"}, HMAC-SHA256 with the key's UTF-8 bytes, whatever their length.
  private static String sign(String payloadJson, String key) {
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput = base64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + base64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return signingInput + "." + base64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
