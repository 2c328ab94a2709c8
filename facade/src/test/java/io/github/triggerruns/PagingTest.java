package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pages, cursors and iteration, against the live server's paging rules. */
class PagingTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final Runs runs = TestClients.newClient(server.baseUrl()).build().runs();

  private static MappingBuilder firstPage() {
    return get(urlPathEqualTo("/api/v1/runs")).withQueryParam("page[after]", absent())
        .withQueryParam("page[before]", absent());
  }

  private static MappingBuilder after(String cursor) {
    return get(urlPathEqualTo("/api/v1/runs")).withQueryParam("page[after]", equalTo(cursor))
        .withQueryParam("page[before]", absent());
  }

  private static MappingBuilder before(String cursor) {
    return get(urlPathEqualTo("/api/v1/runs")).withQueryParam("page[before]", equalTo(cursor))
        .withQueryParam("page[after]", absent());
  }

  private static void serve(MappingBuilder request, List<String> ids, String next, String previous) {
    server.stubFor(request.willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody(TestClients.page(ids, next, previous))));
  }

  private static List<String> ids(Iterable<Run> runs) {
    return Stream.of(runs).flatMap(r -> java.util.stream.StreamSupport.stream(r.spliterator(), false))
        .map(Run::getId).collect(Collectors.toList());
  }

  @Test
  void listIsExactlyOneRequestAndIterationFollowsNextToTheEnd() {
    serve(firstPage(), Arrays.asList("run_e", "run_d"), "c1", null);
    serve(after("c1"), Arrays.asList("run_c", "run_b"), "c2", "p2");
    serve(after("c2"), Arrays.asList("run_a"), null, "p3");

    Page<Run> first = runs.list(RunFilter.allTime(), PageRequest.ofSize(2));
    assertThat(server.getAllServeEvents()).hasSize(1);
    assertThat(first.getData()).extracting(Run::getId).containsExactly("run_e", "run_d");
    assertThat(first.hasNextPage()).isTrue();
    assertThat(first.hasPreviousPage()).isFalse();

    assertThat(ids(runs.iterate(RunFilter.allTime(), PageRequest.ofSize(2))))
        .containsExactly("run_e", "run_d", "run_c", "run_b", "run_a");
    server.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/runs")).withQueryParam("page[after]", equalTo("c2"))
        .withQueryParam("page[size]", equalTo("2")));
  }

  @Test
  void iterationIsLazyAndHoldsOnePageAtATime() {
    serve(firstPage(), Arrays.asList("run_e", "run_d"), "c1", null);
    serve(after("c1"), Arrays.asList("run_c"), null, "p");

    Iterable<Run> all = runs.iterate(RunFilter.allTime());
    assertThat(server.getAllServeEvents()).isEmpty();
    Iterator<Run> it = all.iterator();
    assertThat(server.getAllServeEvents()).isEmpty();
    it.next();
    it.next();
    assertThat(server.getAllServeEvents()).hasSize(1);
    assertThat(it.next().getId()).isEqualTo("run_c");
    assertThat(server.getAllServeEvents()).hasSize(2);
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void shortAndEmptyPagesWithNextKeepTheIterationGoing() {
    serve(firstPage(), Arrays.asList("run_e"), "c1", null);
    serve(after("c1"), Arrays.<String>asList(), "c2", "p1");
    serve(after("c2"), Arrays.<String>asList(), "c3", "p2");
    serve(after("c3"), Arrays.asList("run_a"), null, "p3");

    try (Stream<Run> stream = runs.stream(RunFilter.allTime(), PageRequest.ofSize(25))) {
      assertThat(stream.map(Run::getId)).containsExactly("run_e", "run_a");
    }
  }

  @Test
  void aPageReachedBackwardsIsPresentedNewestFirstAndCarriesOneCursor() {
    // The server answers page[before] oldest first.
    serve(before("p9"), Arrays.asList("run_a", "run_b", "run_c"), "n1", "p1");

    Page<Run> page = runs.list(RunFilter.allTime(), PageRequest.ofSize(3).after("ignored").before("p9"));

    assertThat(page.getData()).extracting(Run::getId).containsExactly("run_c", "run_b", "run_a");
    assertThat(page.getNextCursor()).isEqualTo("n1");
    assertThat(page.getPreviousCursor()).isEqualTo("p1");
  }

  @Test
  void nextAndPreviousPageEachSendOnlyTheirCursor() {
    serve(after("c0"), Arrays.asList("run_d", "run_c"), "c1", "p1");
    serve(after("c1"), Arrays.asList("run_b"), null, "p2");
    serve(before("p1"), Arrays.asList("run_f", "run_e"), "c0", null);

    Page<Run> middle = runs.list(RunFilter.allTime(), PageRequest.ofSize(2).after("c0"));
    Page<Run> older = middle.nextPage();
    Page<Run> newer = middle.previousPage();

    assertThat(older.getData()).extracting(Run::getId).containsExactly("run_b");
    assertThat(older.hasNextPage()).isFalse();
    assertThatThrownBy(older::nextPage).isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("hasNextPage");
    assertThat(newer.getData()).extracting(Run::getId).containsExactly("run_e", "run_f");
    assertThat(newer.hasPreviousPage()).isFalse();
    server.verify(getRequestedFor(urlPathEqualTo("/api/v1/runs")).withQueryParam("page[before]", equalTo("p1"))
        .withQueryParam("page[after]", absent()).withQueryParam("page[size]", equalTo("2")));
  }

  @Test
  void aCursorReturnedTwiceEndsTheIterationWithAClearError() {
    serve(firstPage(), Arrays.asList("run_e"), "loop", null);
    serve(after("loop"), Arrays.asList("run_d"), "loop", "p");

    Iterator<Run> it = runs.iterate(RunFilter.allTime()).iterator();
    assertThat(it.next().getId()).isEqualTo("run_e");
    assertThat(it.next().getId()).isEqualTo("run_d");
    assertThatThrownBy(it::hasNext).isInstanceOf(PaginationException.class)
        .hasMessageContaining("loop").hasMessageContaining("twice");
    assertThat(server.getAllServeEvents()).hasSize(2);
  }

  @Test
  void aRetriedPageIsNeitherLostNorDuplicated() {
    serve(firstPage(), Arrays.asList("run_e", "run_d"), "c1", null);
    server.stubFor(after("c1").inScenario("flaky").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
    server.stubFor(after("c1").inScenario("flaky").whenScenarioStateIs("recovered")
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody(TestClients.page(Arrays.asList("run_c", "run_b"), null, "p"))));

    assertThat(ids(runs.iterate(RunFilter.allTime()))).containsExactly("run_e", "run_d", "run_c", "run_b");
    assertThat(server.getAllServeEvents()).hasSize(3);
  }

  @Test
  void iterationCannotStartAtABeforeCursor() {
    assertThatThrownBy(() -> runs.iterate(RunFilter.allTime(), PageRequest.defaults().before("p")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("after");
    assertThat(server.getAllServeEvents()).isEmpty();
  }
}
