package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.triggerruns.TestClients.emptyPage;
import static io.github.triggerruns.TestClients.listOnce;
import static io.github.triggerruns.TestClients.runRequests;
import static io.github.triggerruns.TestClients.stubRuns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The key and base URL come from TRIGGER_SECRET_KEY (else TRIGGER_ACCESS_TOKEN) and TRIGGER_API_URL. */
class EnvironmentConfigTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static TriggerRuns.Builder withEnvironment(Map<String, String> env) {
    FakeTime time = new FakeTime();
    return TriggerRuns.builder().environment(env::get).clock(time.clock()).sleeper(time.sleeper());
  }

  private String bearerSent(TriggerRuns client) {
    stubRuns(server, emptyPage());
    listOnce(client);
    return runRequests(server).get(0).getHeader("Authorization");
  }

  @Test
  void noKeyAnywhereNamesTheVariable() {
    IllegalStateException e = catchThrowableOfType(IllegalStateException.class,
        () -> withEnvironment(Map.of()).baseUrl(server.baseUrl()).build());

    assertThat(e.getMessage()).contains("TRIGGER_SECRET_KEY");
  }

  @Test
  void blankKeyCountsAsNone() {
    IllegalStateException e = catchThrowableOfType(IllegalStateException.class,
        () -> withEnvironment(Map.of("TRIGGER_SECRET_KEY", "  ", "TRIGGER_ACCESS_TOKEN", "")).build());

    assertThat(e.getMessage()).contains("TRIGGER_SECRET_KEY");
  }

  @Test
  void keyAndUrlComeFromTheEnvironment() {
    TriggerRuns client = withEnvironment(Map.of("TRIGGER_SECRET_KEY", "tr_dev_fromenv",
        "TRIGGER_API_URL", server.baseUrl())).build();

    assertThat(client.baseUrl()).isEqualTo(server.baseUrl() + "/");
    assertThat(bearerSent(client)).isEqualTo("Bearer tr_dev_fromenv");
  }

  @Test
  void accessTokenIsTheFallback() {
    TriggerRuns client = withEnvironment(Map.of("TRIGGER_ACCESS_TOKEN", "tr_pat_token",
        "TRIGGER_API_URL", server.baseUrl())).build();

    assertThat(bearerSent(client)).isEqualTo("Bearer tr_pat_token");
  }

  @Test
  void secretKeyWinsOverAccessToken() {
    TriggerRuns client = withEnvironment(Map.of("TRIGGER_SECRET_KEY", "tr_prod_secret",
        "TRIGGER_ACCESS_TOKEN", "tr_pat_token", "TRIGGER_API_URL", server.baseUrl())).build();

    assertThat(bearerSent(client)).isEqualTo("Bearer tr_prod_secret");
  }

  @Test
  void explicitSettingsWinOverTheEnvironment() {
    TriggerRuns client = withEnvironment(Map.of("TRIGGER_SECRET_KEY", "tr_dev_fromenv",
        "TRIGGER_API_URL", "https://elsewhere.example.com"))
        .secretKey("tr_dev_explicit").baseUrl(server.baseUrl()).build();

    assertThat(client.baseUrl()).isEqualTo(server.baseUrl() + "/");
    assertThat(bearerSent(client)).isEqualTo("Bearer tr_dev_explicit");
  }

  @Test
  void defaultBaseUrlIsTheCloudApi() {
    TriggerRuns client = withEnvironment(Map.of("TRIGGER_SECRET_KEY", "tr_dev_fromenv")).build();

    assertThat(client.baseUrl()).isEqualTo("https://api.trigger.dev/");
  }

  @Test
  void hasCredentialsAndHasBaseUrlSayWhatBuildWillFind() {
    TriggerRuns.Builder nothing = withEnvironment(Map.of("TRIGGER_SECRET_KEY", " ", "TRIGGER_API_URL", ""));
    TriggerRuns.Builder token = withEnvironment(Map.of("TRIGGER_ACCESS_TOKEN", "tr_pat_token"));
    TriggerRuns.Builder url = withEnvironment(Map.of("TRIGGER_API_URL", server.baseUrl()));

    assertThat(nothing.hasCredentials()).isFalse();
    assertThat(nothing.hasBaseUrl()).isFalse();
    assertThat(token.hasCredentials()).isTrue();
    assertThat(token.hasBaseUrl()).isFalse();
    assertThat(url.hasCredentials()).isFalse();
    assertThat(url.hasBaseUrl()).isTrue();

    nothing.secretKey("tr_dev_explicit").baseUrl(server.baseUrl());

    assertThat(nothing.hasCredentials()).isTrue();
    assertThat(nothing.hasBaseUrl()).isTrue();
  }
}
