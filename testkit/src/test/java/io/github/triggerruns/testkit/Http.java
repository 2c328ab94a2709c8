package io.github.triggerruns.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small client for the fake server, in the style of the official SDK's requests. */
final class Http {
  static final String CURRENT = "2025-07-16";

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final String baseUrl;
  private final Map<String, String> headers = new LinkedHashMap<>();

  private Http(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** A client with the server's key and the current API version header. */
  static Http to(FakeTriggerServer server) {
    return new Http(server.baseUrl())
        .header("Authorization", "Bearer " + server.secretKey())
        .header("x-trigger-api-version", CURRENT);
  }

  /** A client sending no headers at all. */
  static Http bare(FakeTriggerServer server) {
    return new Http(server.baseUrl());
  }

  Http header(String name, String value) {
    Http copy = new Http(baseUrl);
    copy.headers.putAll(headers);
    if (value == null) {
      copy.headers.remove(name);
    } else {
      copy.headers.put(name, value);
    }
    return copy;
  }

  /** GET /api/v1/runs with a raw (already encoded) query string, e.g. "page%5Bsize%5D=10". */
  Resp get(String rawQuery) {
    return send("/api/v1/runs" + (rawQuery.isEmpty() ? "" : "?" + rawQuery), Duration.ofSeconds(10));
  }

  /** GET {@code pathAndQuery} (already encoded), e.g. "/realtime/v1/runs/run_1?offset=-1". */
  Resp path(String pathAndQuery) {
    // Longer than a realtime hold: a live request may be held until a change.
    return send(pathAndQuery, Duration.ofSeconds(60));
  }

  /** POST {@code path} with a JSON {@code body}, as the SDK sends run actions. */
  Resp post(String path, String body) {
    return send(path, Duration.ofSeconds(10), HttpRequest.BodyPublishers.ofString(body));
  }

  private Resp send(String pathAndQuery, Duration timeout) {
    return send(pathAndQuery, timeout, null);
  }

  private Resp send(String pathAndQuery, Duration timeout, HttpRequest.BodyPublisher postBody) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(timeout);
    if (postBody != null) {
      request.POST(postBody).header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Resp(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GET with form-encoded parameters, like the SDK's URLSearchParams. */
  Resp get(Map<String, String> params) {
    return get(query(params));
  }

  /** Follows {@code next} from the first page and returns every item, checking each page. */
  List<JsonObject> all(Map<String, String> params) {
    List<JsonObject> items = new ArrayList<>();
    Map<String, String> p = new LinkedHashMap<>(params);
    for (int guard = 0; guard < 10_000; guard++) {
      Resp r = get(p);
      if (r.status != 200) {
        throw new AssertionError("page failed: " + r.status + " " + r.body);
      }
      r.items().forEach(items::add);
      Optional<String> next = r.next();
      if (next.isEmpty()) {
        return items;
      }
      p.put("page[after]", next.get());
    }
    throw new AssertionError("paging did not end");
  }

  static String query(Map<String, String> params) {
    StringBuilder q = new StringBuilder();
    params.forEach(
        (k, v) -> {
          if (q.length() > 0) {
            q.append('&');
          }
          q.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return q.toString();
  }

  /** A response. */
  static final class Resp {
    final int status;
    final Map<String, List<String>> headers;
    final String body;

    Resp(int status, Map<String, List<String>> headers, String body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    JsonObject json() {
      return JsonParser.parseString(body).getAsJsonObject();
    }

    List<JsonObject> items() {
      List<JsonObject> out = new ArrayList<>();
      for (JsonElement e : json().getAsJsonArray("data")) {
        out.add(e.getAsJsonObject());
      }
      return out;
    }

    List<String> ids() {
      List<String> out = new ArrayList<>();
      items().forEach(i -> out.add(i.get("id").getAsString()));
      return out;
    }

    Optional<String> next() {
      return cursor("next");
    }

    Optional<String> previous() {
      return cursor("previous");
    }

    private Optional<String> cursor(String name) {
      JsonObject pagination = json().getAsJsonObject("pagination");
      return pagination.has(name) ? Optional.of(pagination.get(name).getAsString()) : Optional.empty();
    }

    Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase());
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body as a JSON array (a realtime answer's messages). */
    JsonArray messages() {
      return com.google.gson.JsonParser.parseString(body).getAsJsonArray();
    }

    JsonArray details() {
      return json().getAsJsonArray("details");
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  static Map<String, String> params(String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
