package io.github.triggerruns.generated;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.github.triggerruns.generated.api.RunsApi;
import io.github.triggerruns.generated.model.ListRunItem;
import io.github.triggerruns.generated.model.ListRunsResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import retrofit2.Retrofit;
import retrofit2.adapter.rxjava3.RxJava3CallAdapterFactory;
import retrofit2.converter.gson.GsonConverterFactory;

/** The generated interface and models, wired the plainest way, against what the live API sends. */
class GeneratedClientDecodingTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final List<String> CURRENT_STATUSES =
      List.of("DELAYED", "PENDING_VERSION", "QUEUED", "DEQUEUED", "EXECUTING", "WAITING", "COMPLETED",
          "CANCELED", "FAILED", "CRASHED", "SYSTEM_FAILURE", "EXPIRED", "TIMED_OUT");
  private static final List<String> LEGACY_STATUSES =
      List.of("WAITING_FOR_DEPLOY", "FROZEN", "REATTEMPTING", "INTERRUPTED");

  private RunsApi api() {
    // The generator's own date adapter is not generated (see pom.xml); the facade brings a faster one.
    Gson gson = new GsonBuilder()
        .registerTypeAdapter(OffsetDateTime.class, new TypeAdapter<OffsetDateTime>() {
          @Override public void write(JsonWriter out, OffsetDateTime value) throws IOException {
            out.value(value.toString());
          }
          @Override public OffsetDateTime read(JsonReader in) throws IOException {
            return OffsetDateTime.parse(in.nextString());
          }
        })
        .create();
    return new Retrofit.Builder()
        .baseUrl(server.baseUrl() + "/")
        .addConverterFactory(GsonConverterFactory.create(gson))
        .addCallAdapterFactory(RxJava3CallAdapterFactory.create())
        .build()
        .create(RunsApi.class);
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = GeneratedClientDecodingTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private ListRunsResult fetch(String body) {
    server.stubFor(get(urlPathEqualTo("/api/v1/runs"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
    return api().listRunsV1(null, null).blockingFirst();
  }

  @Test
  void decodesEveryCurrentLegacyAndUnknownStatusKeepingTheRawValue() throws IOException {
    ListRunsResult page = fetch(fixture("live-page.json"));

    Map<String, ListRunItem> byStatus = page.getData().stream()
        .collect(Collectors.toMap(run -> run.getStatus().getValue(), Function.identity()));
    assertThat(byStatus.keySet())
        .containsAll(CURRENT_STATUSES)
        .containsAll(LEGACY_STATUSES)
        .contains("QUANTUM_SUPERPOSITION")
        .hasSize(CURRENT_STATUSES.size() + LEGACY_STATUSES.size() + 1);

    assertThat(byStatus.get("COMPLETED").getStatus()).isSameAs(ListRunItem.StatusEnum.COMPLETED);
    assertThat(byStatus.get("COMPLETED").getStatus().isKnown()).isTrue();
    ListRunItem.StatusEnum unknown = byStatus.get("QUANTUM_SUPERPOSITION").getStatus();
    assertThat(unknown.isKnown()).isFalse();
    assertThat(unknown.toString()).isEqualTo("QUANTUM_SUPERPOSITION");
    assertThat(unknown).isEqualTo(ListRunItem.StatusEnum.fromValue("QUANTUM_SUPERPOSITION"));
  }

  @Test
  void decodesTtlAsStringAndAsNumber() throws IOException {
    ListRunsResult page = fetch(fixture("live-page.json"));

    assertThat(page.getData().get(0).getTtl().getJson().getAsString()).isEqualTo("1h42m");
    assertThat(page.getData().get(1).getTtl().getJson().getAsJsonPrimitive().isNumber()).isTrue();
    assertThat(page.getData().get(1).getTtl().getJson().getAsLong()).isEqualTo(3600L);
    assertThat(page.getData().get(2).getTtl()).isNull();
  }

  @Test
  void toleratesFieldsTheSpecDoesNotDeclareAndKeepsDeclaredOnes() throws IOException {
    ListRunsResult page = fetch(fixture("live-page.json"));

    ListRunItem first = page.getData().get(0);
    assertThat(first.getId()).isEqualTo("run_delayed");
    assertThat(first.getTags()).containsExactly("user_1", "org acme");
    assertThat(first.getCreatedAt()).isEqualTo(OffsetDateTime.parse("2025-07-20T10:00:13Z"));
    assertThat(first.getEnv().getName()).isEqualTo("prod");
    ListRunItem completed = page.getData().get(6);
    assertThat(completed.getDurationMs()).isEqualByComparingTo("491");
    assertThat(completed.getCostInCents()).isEqualByComparingTo("0.00292");
    assertThat(page.getPagination().getNext()).isEqualTo("eyJjIjoxNzIxNDY5NjAwMDAwLCJyIjoicnVuX2Z1dHVyZSJ9");
  }

  @Test
  void decodesAnEmptyPage() {
    ListRunsResult page = fetch("{\"data\":[],\"pagination\":{}}");

    assertThat(page.getData()).isEmpty();
    assertThat(page.getPagination().getNext()).isNull();
    assertThat(page.getPagination().getPrevious()).isNull();
  }
}
