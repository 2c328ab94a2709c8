package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.triggerruns.TestClients.emptyPage;
import static io.github.triggerruns.TestClients.listOnce;
import static io.github.triggerruns.TestClients.newClient;
import static io.github.triggerruns.TestClients.runRequestCount;
import static io.github.triggerruns.TestClients.stubSequence;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Once an answer says the budget is spent, the next call waits for the refill instead of spending a 429. */
class RateLimitPacingTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FakeTime time = new FakeTime();

  private static ResponseDefinitionBuilder pageWithBudget(long remaining, long resetMillis) {
    return emptyPage().withHeader("x-ratelimit-limit", "750")
        .withHeader("x-ratelimit-remaining", Long.toString(remaining))
        .withHeader("x-ratelimit-reset", Long.toString(resetMillis));
  }

  @Test
  void spentBudgetMakesTheNextCallWaitBeforeItsRequest() {
    stubSequence(server, pageWithBudget(0, time.nowMillis() + 5_000), pageWithBudget(749, time.nowMillis() + 10_000));
    List<Integer> requestsSeenAtEachWait = new ArrayList<>();
    time.beforeEachWait(wait -> requestsSeenAtEachWait.add(runRequestCount(server)));
    TriggerRuns client = newClient(server.baseUrl(), time).build();

    listOnce(client);
    assertThat(time.waits()).as("the first call itself does not wait").isEmpty();

    listOnce(client);
    assertThat(time.waitMillis()).containsExactly(5_000L);
    assertThat(requestsSeenAtEachWait).as("the wait came before the second request").containsExactly(1);
    assertThat(runRequestCount(server)).isEqualTo(2);
  }

  @Test
  void timeAlreadyPassedShortensTheWait() {
    stubSequence(server, pageWithBudget(0, time.nowMillis() + 5_000), emptyPage());
    TriggerRuns client = newClient(server.baseUrl(), time).build();

    listOnce(client);
    time.advance(Duration.ofMillis(2_000));
    listOnce(client);

    assertThat(time.waitMillis()).containsExactly(3_000L);
  }

  @Test
  void resetInThePastMeansNoWait() {
    stubSequence(server, pageWithBudget(0, time.nowMillis() + 5_000), emptyPage());
    TriggerRuns client = newClient(server.baseUrl(), time).build();

    listOnce(client);
    time.advance(Duration.ofMillis(6_000));
    listOnce(client);

    assertThat(time.waits()).isEmpty();
  }

  @Test
  void budgetLeftMeansNoWait() {
    stubSequence(server, pageWithBudget(1, time.nowMillis() + 5_000), pageWithBudget(12, time.nowMillis() + 5_000),
        emptyPage());
    TriggerRuns client = newClient(server.baseUrl(), time).build();

    listOnce(client);
    listOnce(client);
    listOnce(client);

    assertThat(time.waits()).isEmpty();
    assertThat(runRequestCount(server)).isEqualTo(3);
  }

  @Test
  void refilledBudgetClearsThePacing() {
    stubSequence(server, pageWithBudget(0, time.nowMillis() + 5_000), pageWithBudget(700, time.nowMillis() + 9_000),
        emptyPage());
    TriggerRuns client = newClient(server.baseUrl(), time).build();

    listOnce(client);
    listOnce(client); // waits 5 s, then learns the budget is back
    listOnce(client);

    assertThat(time.waitMillis()).containsExactly(5_000L);
  }

  @Test
  void pacingWaitsAtMostMaxRetryDelay() {
    stubSequence(server, pageWithBudget(0, time.nowMillis() + 120_000), emptyPage());
    TriggerRuns client = newClient(server.baseUrl(), time).maxRetryDelay(Duration.ofSeconds(10)).build();

    listOnce(client);
    listOnce(client);

    assertThat(time.waitMillis()).containsExactly(10_000L);
  }
}
