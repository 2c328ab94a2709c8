package io.github.triggerruns;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Clients pointed at a WireMock server, and ways to read what they sent. */
final class WireMockClients {
  private WireMockClients() {}

  /** A client for {@code server} that never really sleeps between retries. */
  static TriggerRuns client(WireMockExtension server) {
    return builder(server).build();
  }

  static TriggerRuns.Builder builder(WireMockExtension server) {
    return TriggerRuns.builder()
        .secretKey("tr_dev_test_secret_123")
        .baseUrl(server.baseUrl())
        .environment(name -> null)
        .sleeper(duration -> { });
  }

  /** The query of a request as the server decodes it (URLSearchParams: form decoding, order kept). */
  static List<Map.Entry<String, String>> decodedQuery(LoggedRequest request) {
    String url = request.getUrl();
    int q = url.indexOf('?');
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    if (q < 0) {
      return pairs;
    }
    for (String part : url.substring(q + 1).split("&")) {
      int eq = part.indexOf('=');
      String key = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      pairs.add(new SimpleImmutableEntry<>(URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8)));
    }
    return pairs;
  }

  static String resource(String name) {
    try (InputStream in = WireMockClients.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A page body in the live shape with runs {@code ids} (newest first) and the given cursors. */
  static String page(List<String> ids, String next, String previous) {
    StringBuilder body = new StringBuilder("{\"data\":[");
    long created = 1_753_005_613_000L;
    for (int i = 0; i < ids.size(); i++) {
      String at = java.time.Instant.ofEpochMilli(created - 1000L * i).toString();
      body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(ids.get(i))
          .append("\",\"status\":\"COMPLETED\",\"taskIdentifier\":\"t\",\"env\":{\"id\":\"e\",\"name\":\"prod\"},")
          .append("\"isTest\":false,\"createdAt\":\"").append(at).append("\",\"updatedAt\":\"").append(at)
          .append("\",\"tags\":[]}");
    }
    body.append("],\"pagination\":{");
    boolean comma = false;
    if (next != null) {
      body.append("\"next\":\"").append(next).append('"');
      comma = true;
    }
    if (previous != null) {
      body.append(comma ? "," : "").append("\"previous\":\"").append(previous).append('"');
    }
    return body.append("}}").toString();
  }
}
