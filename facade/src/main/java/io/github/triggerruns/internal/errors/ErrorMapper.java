package io.github.triggerruns.internal.errors;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.triggerruns.ApiConnectionException;
import io.github.triggerruns.AuthenticationException;
import io.github.triggerruns.BadRequestException;
import io.github.triggerruns.ConflictException;
import io.github.triggerruns.ErrorDetail;
import io.github.triggerruns.NotFoundException;
import io.github.triggerruns.PermissionDeniedException;
import io.github.triggerruns.RateLimitException;
import io.github.triggerruns.RequestTimeoutException;
import io.github.triggerruns.ServerException;
import io.github.triggerruns.TriggerApiException;
import io.github.triggerruns.UnexpectedStatusException;
import io.github.triggerruns.UnprocessableEntityException;
import io.github.triggerruns.internal.auth.PublicTokens;
import io.github.triggerruns.internal.http.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.HttpException;
import retrofit2.Response;

/** Turns whatever a call failed with into the client's typed exceptions. */
public final class ErrorMapper {
  private ErrorMapper() {}

  /**
   * The typed exception for {@code failure} of a call bounded by {@code callTimeout}; already typed
   * exceptions and programming errors pass through.
   */
  public static RuntimeException map(Throwable failure, Duration callTimeout) {
    Throwable cause = failure;
    // Blocking RxJava calls wrap checked exceptions in a plain RuntimeException.
    while (cause.getClass() == RuntimeException.class && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof TriggerApiException) {
      return (TriggerApiException) cause;
    }
    if (cause instanceof HttpException) {
      return fromResponse(((HttpException) cause).response());
    }
    if (RetryPolicy.ranOutOfTime(cause)) {
      return new ApiConnectionException("The call timed out: it would have taken longer than its callTimeout of "
          + callTimeout.toMillis() + " ms (TriggerRuns.Builder.callTimeout), which bounds all its attempts, the"
          + " waits between them and reading the answer, so it was ended without another attempt.", cause);
    }
    if (cause instanceof IOException) {
      return new ApiConnectionException("Could not get an answer from the Trigger.dev API: " + describe(cause)
          + ". Check the network and the base URL; transient failures were already retried.", cause);
    }
    if (cause instanceof RuntimeException) {
      return (RuntimeException) cause;
    }
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    return new RuntimeException(cause);
  }

  private static String describe(Throwable t) {
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  /** The typed exception for a non-2xx answer. */
  public static TriggerApiException fromResponse(@Nullable Response<?> response) {
    if (response == null) {
      return new UnexpectedStatusException("The API failed without an answer", 0, Collections.emptyMap(), null);
    }
    int code = response.code();
    Map<String, List<String>> headers = Collections.unmodifiableMap(response.headers().toMultimap());
    String body = bodyOf(response.errorBody());
    JsonObject json = parseObject(body);
    String serverMessage = json == null ? null : string(json, "error");
    String said = serverMessage == null ? "" : ": " + serverMessage;
    switch (code) {
      case 400: {
        List<ErrorDetail> details = details(json);
        // A GET's 400 is about its query; a POST's (reschedule, minting a token) about its body.
        String rejected = response.raw().request().method().equals("GET") ? "query" : "request";
        StringBuilder message = new StringBuilder("The API rejected the " + rejected + " (400)").append(said);
        for (ErrorDetail detail : details) {
          message.append("\n  - ").append(detail);
        }
        return new BadRequestException(message.toString(), headers, body, details);
      }
      case 401:
        if (sentPublicAccessToken(response)) {
          return new AuthenticationException("The API did not accept the public access token (401)" + said
              + ". It may have expired or been signed with another environment's key; replay and reschedule"
              + " never accept one. Mint a new token on the backend (auth().createPublicToken).", code,
              headers, body);
        }
        return new AuthenticationException("The API did not accept the secret key (401)" + said
            + ". Set TRIGGER_SECRET_KEY, or pass TriggerRuns.builder().secretKey(...), to a secret key"
            + " (tr_dev_..., tr_prod_..., tr_stg_...) from the project's API keys page.", code, headers, body);
      case 403: {
        Request request = response.raw().request();
        return new PermissionDeniedException("The key or token may not " + request.method() + " "
            + request.url().encodedPath() + " (403)" + said + ". Use a secret key of the environment whose runs"
            + " you want; a public access token needs " + RequiredScopes.of(request) + ".", code, headers, body);
      }
      case 404:
        // The address names what was not found: a run id in it, or a base URL that is not the API's.
        return new NotFoundException("Not found (404)" + said + ": "
            + response.raw().request().url().newBuilder().query(null).build()
            + ". Check the id in that address, and that the base URL is the Trigger.dev API's.", code, headers,
            body);
      case 429: {
        Long reset = RetryPolicy.parseLong(response.headers().get("x-ratelimit-reset"));
        Instant resetAt = reset == null ? null : Instant.ofEpochMilli(reset);
        // A token's requests are counted per token (a fixed window), apart from the environment's bucket.
        return new RateLimitException((sentPublicAccessToken(response) ? "The public access token's"
            : "The environment's") + " rate limit is spent (429)"
            + (resetAt == null ? "" : "; it refills at " + resetAt)
            + ". Lower the request rate or raise maxRetryDelay so the client waits for the refill.",
            headers, body, resetAt, toInt(RetryPolicy.parseLong(response.headers().get("x-ratelimit-limit"))),
            toInt(RetryPolicy.parseLong(response.headers().get("x-ratelimit-remaining"))));
      }
      case 408:
        return new RequestTimeoutException("The server timed out waiting for the request (408)" + said
            + ", on every attempt.", code, headers, body);
      case 409:
        return new ConflictException("The request conflicts with the current state on the server (409)" + said
            + ", on every attempt.", code, headers, body);
      case 422:
        return new UnprocessableEntityException("The API could not act on the request (422)" + said + ".", code,
            headers, body);
      default:
        if (code >= 500) {
          return new ServerException("The API failed (" + code + ")" + said + " after every retry.", code,
              headers, body);
        }
        return new UnexpectedStatusException("The API answered " + code + said + ", which this client has no"
            + " meaning for.", code, headers, body);
    }
  }

  /** The start of {@code text}, for an exception's body excerpt: bodies and rows can be large. */
  public static String excerpt(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  /** Whether the request carried a JWT (a public access token) rather than a {@code tr_...} key. */
  private static boolean sentPublicAccessToken(Response<?> response) {
    String authorization = response.raw().request().header("Authorization");
    return authorization != null && authorization.startsWith("Bearer ")
        && PublicTokens.looksLikeJwt(authorization.substring("Bearer ".length()));
  }

  private static List<ErrorDetail> details(@Nullable JsonObject json) {
    if (json == null || !json.has("details") || !json.get("details").isJsonArray()) {
      return Collections.emptyList();
    }
    List<ErrorDetail> details = new ArrayList<>();
    for (JsonElement element : json.getAsJsonArray("details")) {
      if (!element.isJsonObject()) {
        continue;
      }
      JsonObject detail = element.getAsJsonObject();
      List<String> path = new ArrayList<>();
      if (detail.has("path") && detail.get("path").isJsonArray()) {
        JsonArray array = detail.getAsJsonArray("path");
        for (JsonElement part : array) {
          path.add(part.isJsonPrimitive() ? part.getAsString() : part.toString());
        }
      }
      String code = string(detail, "code");
      String message = string(detail, "message");
      details.add(new ErrorDetail(code == null ? "unknown" : code, message == null ? "" : message, path));
    }
    return details;
  }

  private static @Nullable String bodyOf(@Nullable ResponseBody body) {
    if (body == null) {
      return null;
    }
    try {
      return body.string();
    } catch (IOException e) {
      return null;
    }
  }

  private static @Nullable JsonObject parseObject(@Nullable String body) {
    if (body == null) {
      return null;
    }
    try {
      JsonElement element = JsonParser.parseString(body);
      return element.isJsonObject() ? element.getAsJsonObject() : null;
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static @Nullable String string(JsonObject json, String name) {
    JsonElement value = json.get(name);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
  }

  private static @Nullable Integer toInt(@Nullable Long value) {
    return value == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
  }
}
