package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Shared test fixtures: a client builder wired to fake time and no real environment, canned bodies from the
 * live API, and WireMock helpers for answer sequences and for reading what the client sent.
 */
final class TestClients {
  /** A secret key that looks real; tests check it never leaks. */
  static final String SECRET_KEY = "tr_dev_Sup3rS3cretK3y_d0NotL3ak_42";
  /** The path every list call goes to. */
  static final String RUNS_PATH = "/api/v1/runs";
  /** What the server sends when nothing matches. */
  static final String EMPTY_PAGE = "{\"data\":[],\"pagination\":{}}";
  /** The live 400 for an unknown status. */
  static final String BAD_STATUS_400 = "{\"error\":\"Query Error\",\"details\":[{\"code\":\"custom\","
      + "\"message\":\"Invalid status values: FOO\",\"path\":[\"filter[status]\"]}]}";
  /** The live 401. */
  static final String INVALID_KEY_401 = "{\"error\":\"Invalid API key\"}";
  /** The live 403. */
  static final String UNAUTHORIZED_403 = "{\"error\":\"Unauthorized\",\"code\":\"unauthorized\","
      + "\"param\":\"access_token\",\"type\":\"authorization\"}";
  /** The live 500. */
  static final String INTERNAL_500 = "{\"error\":\"Internal Server Error\"}";

  private static final AtomicInteger SCENARIOS = new AtomicInteger();

  private TestClients() {}

  /**
   * A builder for a client of {@code baseUrl} with {@link #SECRET_KEY}, an empty environment, the fake clock
   * and sleeper of {@code time}, and jitter fixed at the middle ({@code random = 0.5}). Other settings are
   * the defaults; override them on the returned builder.
   */
  static TriggerRuns.Builder newClient(String baseUrl, FakeTime time) {
    return TriggerRuns.builder()
        .secretKey(SECRET_KEY)
        .baseUrl(baseUrl)
        .environment(name -> null)
        .clock(time.clock())
        .sleeper(time.sleeper())
        .random(() -> 0.5);
  }

  /** Like {@link #newClient(String, FakeTime)} with a fresh {@link FakeTime} nobody looks at. */
  static TriggerRuns.Builder newClient(String baseUrl) {
    return newClient(baseUrl, new FakeTime());
  }

  /** One list call with the all-time filter and default page size. */
  static Page<Run> listOnce(TriggerRuns client) {
    return client.runs().list(RunFilter.allTime());
  }

  /** A JSON answer. */
  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  /** A 200 with {@link #EMPTY_PAGE}. */
  static ResponseDefinitionBuilder emptyPage() {
    return json(200, EMPTY_PAGE);
  }

  /** A 200 with the realistic page of {@code live-page.json}. */
  static ResponseDefinitionBuilder livePage() {
    return json(200, livePageBody());
  }

  /** The body of {@code live-page.json}: 18 runs, both cursors. */
  static String livePageBody() {
    try (InputStream in = TestClients.class.getResourceAsStream("/live-page.json")) {
      if (in == null) {
        throw new IllegalStateException("live-page.json is missing from the test resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The run ids of {@code live-page.json}, in order. */
  static List<String> livePageRunIds() {
    List<String> ids = new ArrayList<>();
    for (JsonElement run : JsonParser.parseString(livePageBody()).getAsJsonObject().getAsJsonArray("data")) {
      ids.add(run.getAsJsonObject().get("id").getAsString());
    }
    return ids;
  }

  /** Stubs the runs path to answer every request with {@code answer}. */
  static void stubRuns(WireMockExtension server, ResponseDefinitionBuilder answer) {
    server.stubFor(get(urlPathEqualTo(RUNS_PATH)).willReturn(answer));
  }

  /**
   * Stubs the runs path to give {@code answers} in order, one per request (a WireMock scenario); the last
   * one keeps being given after that.
   */
  static void stubSequence(WireMockExtension server, ResponseDefinitionBuilder... answers) {
    stubSequence(server, () -> get(urlPathEqualTo(RUNS_PATH)), answers);
  }

  /** Like {@link #stubSequence(WireMockExtension, ResponseDefinitionBuilder...)} for any request. */
  static void stubSequence(WireMockExtension server, Supplier<MappingBuilder> request,
      ResponseDefinitionBuilder... answers) {
    String scenario = "sequence-" + SCENARIOS.incrementAndGet();
    for (int i = 0; i < answers.length; i++) {
      ScenarioMappingBuilder stub = request.get()
          .inScenario(scenario)
          .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answer " + i)
          .willReturn(answers[i]);
      if (i + 1 < answers.length) {
        stub = stub.willSetStateTo("answer " + (i + 1));
      }
      server.stubFor(stub);
    }
  }

  /**
   * The requests the runs path received, oldest first (WireMock's journal order). A request WireMock delays
   * is journalled only once answered: count those on the client side instead.
   */
  static List<LoggedRequest> runRequests(WireMockExtension server) {
    return server.findAll(getRequestedFor(urlPathEqualTo(RUNS_PATH)));
  }

  /** How many requests the runs path received. */
  static int runRequestCount(WireMockExtension server) {
    return server.findAll(getRequestedFor(urlPathEqualTo(RUNS_PATH))).size();
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
