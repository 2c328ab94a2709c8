package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.github.triggerruns.generated.model.ListRunItem;
import io.github.triggerruns.internal.json.DeclaredNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Set;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What users read from a live page: every status, both ttl forms, undeclared fields, exact timestamps. */
class RunDecodingTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private Map<String, Run> byId;
  private Page<Run> page;

  @BeforeEach
  void fetchLivePage() {
    server.stubFor(get(urlPathEqualTo("/api/v1/runs")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody(TestClients.livePageBody())));
    page = TestClients.newClient(server.baseUrl()).build().runs().list(RunFilter.defaults());
    byId = page.getData().stream().collect(Collectors.toMap(Run::getId, Function.identity()));
  }

  @Test
  void everyStatusDecodesIncludingOnesNoSpecLists() {
    assertThat(page.getData()).hasSize(18);
    assertThat(byId.get("run_delayed").getStatus()).isSameAs(RunStatus.DELAYED);
    assertThat(byId.get("run_timed_out").getStatus().isTerminal()).isTrue();
    assertThat(byId.get("run_expired").getStatus().isTerminal()).isTrue();
    Run future = byId.get("run_future");
    assertThat(future.getStatus().getValue()).isEqualTo("QUANTUM_SUPERPOSITION");
    assertThat(future.getStatus().isKnown()).isFalse();
  }

  @Test
  void timestampsAreExactInstants() {
    Run executing = byId.get("run_executing");
    assertThat(executing.getCreatedAt()).isEqualTo(Instant.parse("2025-07-20T10:00:09Z"));
    assertThat(executing.getUpdatedAt()).isEqualTo(Instant.parse("2025-07-20T10:00:09.500Z"));
    assertThat(executing.getStartedAt()).isEqualTo(Instant.parse("2025-07-20T10:00:09.100Z"));
    assertThat(executing.getFinishedAt()).isNull();
    assertThat(byId.get("run_delayed").getDelayedUntil()).isEqualTo(Instant.parse("2025-07-20T11:00:00Z"));
    assertThat(byId.get("run_expired").getExpiredAt()).isEqualTo(Instant.parse("2025-07-20T10:00:02.500Z"));
  }

  @Test
  void ttlReadsAsSentAndAsADuration() {
    assertThat(byId.get("run_delayed").getTtl()).isEqualTo("1h42m");
    assertThat(byId.get("run_delayed").getTtlDuration()).isEqualTo(Duration.ofMinutes(102));
    assertThat(byId.get("run_pending_version").getTtl()).isEqualTo("3600");
    assertThat(byId.get("run_pending_version").getTtlDuration()).isEqualTo(Duration.ofHours(1));
    assertThat(byId.get("run_queued").getTtl()).isNull();
    assertThat(byId.get("run_queued").getTtlDuration()).isNull();
  }

  /**
   * Every field a run carries beyond what the generated model declares is kept, in order, whatever the spec
   * declares: the expectation is derived from the model, so a spec that declares more (region, depth, ...)
   * changes what is "undeclared" without breaking this test.
   */
  @Test
  void fieldsTheSpecDoesNotDeclareAreKept() {
    Set<String> declared = DeclaredNames.of(ListRunItem.class);
    assertThat(declared).contains("id", "status", "createdAt");
    JsonArray raw = JsonParser.parseString(TestClients.livePageBody()).getAsJsonObject().getAsJsonArray("data");
    for (JsonElement sent : raw) {
      Map<String, JsonElement> undeclared = new LinkedHashMap<>();
      sent.getAsJsonObject().entrySet().stream().filter(field -> !declared.contains(field.getKey()))
          .forEach(field -> undeclared.put(field.getKey(), field.getValue()));
      Run run = byId.get(sent.getAsJsonObject().get("id").getAsString());
      assertThat(run.getAdditionalFields()).as(run.getId()).isEqualTo(undeclared);
      assertThat(new ArrayList<>(run.getAdditionalFields().keySet())).as(run.getId())
          .isEqualTo(new ArrayList<>(undeclared.keySet()));
      undeclared.forEach((name, value) -> assertThat(run.getAdditionalField(name)).isEqualTo(value));
    }
    assertThat(byId.get("run_future").getAdditionalField("someFieldFromTheFuture").toString())
        .isEqualTo("{\"nested\":[1,2,3]}");
    assertThat(byId.get("run_delayed").getAdditionalFields().keySet()).doesNotContainAnyElementsOf(declared);
  }

  /** Field names no spec declares, so the test holds as the spec grows. */
  @Test
  void undeclaredNumbersStayExactAndARepeatedNameKeepsItsLastValue() {
    server.stubFor(get(urlPathEqualTo("/api/v1/runs")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"data\":[{\"id\":\"run_1\","
            + "\"status\":\"COMPLETED\",\"taskIdentifier\":\"t\",\"env\":{\"id\":\"e\",\"name\":\"prod\"},"
            + "\"isTest\":false,\"createdAt\":\"2024-07-20T10:00:00.000Z\",\"updatedAt\":\"2024-07-20T10:00:00.000Z\","
            + "\"futureRegion\":\"us-east-1\",\"futureDepth\":123456789012345678901234567890,\"futureRatio\":1.50,"
            + "\"futureRegion\":\"eu-central-1\",\"tags\":[]}],\"pagination\":{}}")));

    Run run = TestClients.newClient(server.baseUrl()).build().runs().list(RunFilter.defaults()).getData().get(0);

    assertThat(run.getAdditionalField("futureDepth").getAsBigInteger())
        .isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
    assertThat(run.getAdditionalField("futureRatio").getAsString()).isEqualTo("1.50");
    assertThat(run.getAdditionalField("futureRatio").getAsBigDecimal()).isEqualTo(new BigDecimal("1.50"));
    assertThat(run.getAdditionalField("futureRegion").getAsString()).isEqualTo("eu-central-1");
    assertThat(run.getAdditionalFields()).hasSize(3);
    assertThat(run.getAdditionalFields().keySet()).containsExactly("futureDepth", "futureRatio", "futureRegion");
    java.util.Map<String, com.google.gson.JsonElement> expected = new java.util.LinkedHashMap<>();
    expected.put("futureDepth", new com.google.gson.JsonPrimitive(new BigDecimal("123456789012345678901234567890")));
    expected.put("futureRatio", new com.google.gson.JsonPrimitive(new BigDecimal("1.50")));
    expected.put("futureRegion", new com.google.gson.JsonPrimitive("eu-central-1"));
    assertThat(run.getAdditionalFields()).isEqualTo(expected);
  }

  @Test
  void undeclaredNumbersAndStringsReadAsGsonsOwnTreeReadsThem() {
    String extras = "\"zero\":0,\"seven\":7,\"nine\":9,\"minusOne\":-1,\"ten\":10,\"half\":9.5,"
        + "\"hundred\":1e2,\"five\":\"5\"";
    server.stubFor(get(urlPathEqualTo("/api/v1/runs")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"data\":[{\"id\":\"run_1\","
            + "\"status\":\"COMPLETED\",\"taskIdentifier\":\"t\",\"env\":{\"id\":\"e\",\"name\":\"prod\"},"
            + "\"isTest\":false,\"createdAt\":\"2024-07-20T10:00:00.000Z\",\"updatedAt\":\"2024-07-20T10:00:00.000Z\","
            + "\"tags\":[]," + extras + "}],\"pagination\":{}}")));

    Run run = TestClients.newClient(server.baseUrl()).build().runs().list(RunFilter.defaults()).getData().get(0);

    com.google.gson.JsonObject gsonTree = com.google.gson.JsonParser.parseString("{" + extras + "}").getAsJsonObject();
    assertThat(run.getAdditionalFields()).isEqualTo(gsonTree.asMap());
    for (String name : gsonTree.keySet()) {
      assertThat(run.getAdditionalField(name).toString()).as(name).isEqualTo(gsonTree.get(name).toString());
    }
    assertThat(run.getAdditionalField("seven").getAsInt()).isEqualTo(7);
    assertThat(run.getAdditionalField("five").isJsonPrimitive()
        && run.getAdditionalField("five").getAsJsonPrimitive().isString()).isTrue();
  }

  @Test
  void toJsonIsEachRunAsTheServerSentIt() {
    com.google.gson.JsonArray sent = com.google.gson.JsonParser.parseString(TestClients.livePageBody())
        .getAsJsonObject().getAsJsonArray("data");

    for (int i = 0; i < sent.size(); i++) {
      assertThat(page.getData().get(i).toJson()).as(page.getData().get(i).getId()).isEqualTo(sent.get(i));
    }
  }

  @Test
  void toJsonIsACopyTheCallerMayChange() {
    Run delayed = byId.get("run_delayed");
    com.google.gson.JsonObject before = delayed.toJson();
    com.google.gson.JsonObject json = delayed.toJson();
    json.addProperty("id", "run_changed");
    json.getAsJsonObject("metadata").addProperty("step", "changed");

    assertThat(delayed.toJson()).isEqualTo(before).isNotEqualTo(json);
    assertThat(delayed.getAdditionalField("metadata").getAsJsonObject().get("step").getAsString())
        .isEqualTo("render");
  }

  @Test
  void keepingAdditionalFieldsCanBeTurnedOff() {
    Page<Run> without = TestClients.newClient(server.baseUrl()).keepAdditionalFields(false).build().runs()
        .list(RunFilter.defaults());

    assertThat(without.getData()).extracting(Run::getAdditionalFields).allSatisfy(fields -> assertThat(fields).isEmpty());
    assertThat(without.getData()).extracting(Run::getId, Run::getStatus, Run::getCreatedAt, Run::getTtl)
        .isEqualTo(page.getData().stream().map(run -> org.assertj.core.groups.Tuple.tuple(run.getId(),
            run.getStatus(), run.getCreatedAt(), run.getTtl())).collect(Collectors.toList()));
    assertThat(byId.get("run_delayed").getAdditionalFields()).isNotEmpty();
  }

  @Test
  void declaredFieldsReadAsJavaBeanProperties() {
    Run completed = byId.get("run_completed");
    assertThat(completed.getTaskIdentifier()).isEqualTo("send-email");
    assertThat(completed.getVersion()).isEqualTo("20250101.1");
    assertThat(completed.getIdempotencyKey()).isEqualTo("idem_1");
    assertThat(completed.isTest()).isFalse();
    assertThat(completed.getTags()).containsExactly("user_1");
    assertThat(completed.getDurationMs()).isEqualTo(491L);
    assertThat(completed.getCostInCents()).isEqualByComparingTo(new BigDecimal("0.00292"));
    assertThat(completed.getBaseCostInCents()).isEqualByComparingTo(new BigDecimal("0.0025"));
    assertThat(completed.getEnvironment().getName()).isEqualTo("prod");
    RunEnvironment dev = byId.get("run_timed_out").getEnvironment();
    assertThat(dev.getUser()).isEqualTo("Anna");
    assertThat(byId.get("run_timed_out").isTest()).isTrue();
    List<String> tags = byId.get("run_delayed").getTags();
    assertThat(tags).containsExactly("user_1", "org acme");
  }

  @Test
  void paginationCursorsAreKeptOpaque() {
    assertThat(page.getNextCursor()).isEqualTo("eyJjIjoxNzIxNDY5NjAwMDAwLCJyIjoicnVuX2Z1dHVyZSJ9");
    assertThat(page.getPreviousCursor()).isEqualTo("eyJjIjoxNzUzMDA1NjEzMDAwLCJyIjoicnVuX2RlbGF5ZWQifQ");
  }
}
