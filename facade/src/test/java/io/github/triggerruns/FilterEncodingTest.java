package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Instant;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The query the client sends, as the server decodes it, for each filter: the table of what the official
 * TypeScript SDK sends (shared/API-BEHAVIOUR.md).
 */
class FilterEncodingTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @BeforeEach
  void emptyPage() {
    server.stubFor(get(urlPathEqualTo("/api/v1/runs")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"data\":[],\"pagination\":{}}")));
  }

  static Stream<Arguments> sdkTable() {
    return Stream.of(
        row("no filter: nothing sent (server default window)", RunFilter.defaults()),
        row("status", RunFilter.builder().statuses(RunStatus.QUEUED, RunStatus.EXECUTING).build(),
            "filter[status]", "QUEUED,EXECUTING"),
        row("taskIdentifier", RunFilter.builder().taskIdentifiers("my-task", "my-other-task").build(),
            "filter[taskIdentifier]", "my-task,my-other-task"),
        row("version", RunFilter.builder().versions("20240523.1", "20240524.2").build(),
            "filter[version]", "20240523.1,20240524.2"),
        row("tag is singular on the wire; spaces and unicode survive",
            RunFilter.builder().tags("user_123", "org acme", "客户_7").build(),
            "filter[tag]", "user_123,org acme,客户_7"),
        row("reserved characters survive", RunFilter.builder().tags("a+b&c=d#e%f").build(),
            "filter[tag]", "a+b&c=d#e%f"),
        row("bulkAction", RunFilter.builder().bulkAction("bulk_1234").build(), "filter[bulkAction]", "bulk_1234"),
        row("schedule", RunFilter.builder().schedule("sched_1234").build(), "filter[schedule]", "sched_1234"),
        row("batch", RunFilter.builder().batch("batch_1").build(), "filter[batch]", "batch_1"),
        row("isTest false", RunFilter.builder().isTest(false).build(), "filter[isTest]", "false"),
        row("isTest true", RunFilter.builder().isTest(true).build(), "filter[isTest]", "true"),
        row("from and to are epoch milliseconds",
            RunFilter.builder().createdFrom(Instant.parse("2024-04-01T00:00:00Z"))
                .createdTo(Instant.parse("2024-04-02T12:30:00.250Z")).build(),
            "filter[createdAt][from]", "1711929600000", "filter[createdAt][to]", "1712061000250"),
        row("period as is", RunFilter.builder().period("1d").build(), "filter[createdAt][period]", "1d"),
        row("all time lifts the 7-day window with a bound the server honours (it reads 0 as none)",
            RunFilter.allTime(), "filter[createdAt][from]", "1"),
        row("a bound at the epoch goes out 1 ms past it",
            RunFilter.builder().createdFrom(Instant.EPOCH).build(), "filter[createdAt][from]", "1"),
        row("an upper bound at the epoch goes out 1 ms before it",
            RunFilter.builder().createdTo(Instant.EPOCH).build(), "filter[createdAt][to]", "-1"),
        row("queue, task queues as task/<name>", RunFilter.builder().queues("task/my-task", "shared").build(),
            "filter[queue]", "task/my-task,shared"),
        row("machine", RunFilter.builder().machines("small-1x", "large-2x").build(),
            "filter[machine]", "small-1x,large-2x"),
        row("region", RunFilter.builder().regions("us-east-1", "eu-central-1").build(),
            "filter[region]", "us-east-1,eu-central-1"),
        row("empty arrays send nothing", RunFilter.builder().statuses().tags().build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sdkTable")
  void sendsWhatTheOfficialSdkSends(String name, RunFilter filter, List<Map.Entry<String, String>> expected) {
    TestClients.newClient(server.baseUrl()).build().runs().list(filter);

    assertThat(TestClients.decodedQuery(server.getAllServeEvents().get(0).getRequest()))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void everyFilterTogetherSendsEachKeyOnce() {
    RunFilter filter = RunFilter.builder()
        .statuses(RunStatus.QUEUED, RunStatus.EXECUTING)
        .taskIdentifiers("my-task", "my-other-task")
        .versions("20240523.1").tags("user_123")
        .createdFrom(Instant.ofEpochMilli(1_000)).createdTo(Instant.ofEpochMilli(2_000))
        .bulkAction("bulk_1234").schedule("sched_1234").batch("batch_1").isTest(false)
        .queues("task/my-task").machines("small-1x").regions("us-east-1")
        .build();

    TestClients.newClient(server.baseUrl()).build().runs().list(filter, PageRequest.ofSize(50).after("cursor_abc"));

    assertThat(TestClients.decodedQuery(server.getAllServeEvents().get(0).getRequest()))
        .containsExactlyInAnyOrder(
            pair("filter[status]", "QUEUED,EXECUTING"),
            pair("filter[taskIdentifier]", "my-task,my-other-task"),
            pair("filter[version]", "20240523.1"),
            pair("filter[tag]", "user_123"),
            pair("filter[createdAt][from]", "1000"),
            pair("filter[createdAt][to]", "2000"),
            pair("filter[bulkAction]", "bulk_1234"),
            pair("filter[schedule]", "sched_1234"),
            pair("filter[batch]", "batch_1"),
            pair("filter[isTest]", "false"),
            pair("filter[queue]", "task/my-task"),
            pair("filter[machine]", "small-1x"),
            pair("filter[region]", "us-east-1"),
            pair("page[size]", "50"),
            pair("page[after]", "cursor_abc"));
  }

  @Test
  void pageRequestsSendSizeAndExactlyOneCursor() {
    TestClients.newClient(server.baseUrl()).build().runs().list(RunFilter.defaults(), PageRequest.ofSize(10).after("A").before("B"));
    TestClients.newClient(server.baseUrl()).build().runs().list(RunFilter.defaults(), PageRequest.ofSize(10).before("B").after("A"));
    TestClients.newClient(server.baseUrl()).build().runs().list(RunFilter.defaults(), PageRequest.defaults());

    List<List<Map.Entry<String, String>>> queries = new ArrayList<>();
    server.getAllServeEvents().forEach(e -> queries.add(0, TestClients.decodedQuery(e.getRequest())));
    assertThat(queries.get(0)).containsExactlyInAnyOrder(pair("page[size]", "10"), pair("page[before]", "B"));
    assertThat(queries.get(1)).containsExactlyInAnyOrder(pair("page[size]", "10"), pair("page[after]", "A"));
    assertThat(queries.get(2)).isEmpty();
  }

  @Test
  void bracketsAndCommasAreFormEncodedOnTheWire() {
    TestClients.newClient(server.baseUrl()).build().runs().list(RunFilter.builder().statuses(RunStatus.QUEUED, RunStatus.FAILED)
        .tags("org acme").build());

    String url = server.getAllServeEvents().get(0).getRequest().getUrl();
    // Raw form: any valid encoding of [ ] , and space decodes the same under URLSearchParams; what
    // matters is that no raw character changes meaning (a raw + would become a space).
    assertThat(url).doesNotContain("+").doesNotContain(" ");
    assertThat(TestClients.decodedQuery(server.getAllServeEvents().get(0).getRequest()))
        .contains(pair("filter[status]", "QUEUED,FAILED"), pair("filter[tag]", "org acme"));
  }

  private static Arguments row(String name, RunFilter filter, String... keyValues) {
    List<Map.Entry<String, String>> expected = new ArrayList<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      expected.add(pair(keyValues[i], keyValues[i + 1]));
    }
    return Arguments.of(name, filter, expected);
  }

  private static Map.Entry<String, String> pair(String key, String value) {
    return new SimpleImmutableEntry<>(key, value);
  }
}
