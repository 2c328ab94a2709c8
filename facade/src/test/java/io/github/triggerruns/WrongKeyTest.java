package io.github.triggerruns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.triggerruns.testkit.FakeTriggerServer;
import io.github.triggerruns.testkit.RateLimit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A key the server does not know, against the testkit, which answers it as live: 401, not 403. */
class WrongKeyTest {
  private static FakeTriggerServer server;

  @BeforeAll
  static void start() {
    server = FakeTriggerServer.builder().runs(3).secretKey("tr_dev_right").rateLimit(RateLimit.unlimited())
        .build().start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tr_prod_someoneElsesKey", "tr_dev_right_but_longer", "not-a-key"})
  void aKeyThatMatchesNoEnvironmentIsAnAuthenticationException(String key) {
    TriggerRuns client = TestClients.newClient(server.baseUrl()).secretKey(key).build();

    AuthenticationException e =
        catchThrowableOfType(AuthenticationException.class, () -> client.runs().list(RunFilter.allTime()));

    assertThat(e.getStatusCode()).isEqualTo(401);
    assertThat(e.getMessage()).contains("Invalid API key").doesNotContain(key);
  }
}
