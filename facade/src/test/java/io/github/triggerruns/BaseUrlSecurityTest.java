package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.triggerruns.TestClients.SECRET_KEY;
import static io.github.triggerruns.TestClients.emptyPage;
import static io.github.triggerruns.TestClients.listOnce;
import static io.github.triggerruns.TestClients.newClient;
import static io.github.triggerruns.TestClients.runRequestCount;
import static io.github.triggerruns.TestClients.stubRuns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The key only travels over https, or plain http to this machine. */
class BaseUrlSecurityTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @ParameterizedTest
  @ValueSource(strings = {"http://api.example.com", "http://api.trigger.dev/", "http://10.0.0.5:8080",
      "http://192.168.1.10", "http://127.0.0.1.example.com", "http://localhost.example.com:3030",
      "http://example.com@localhost.evil.com"})
  void plainHttpToARemoteHostIsRefusedBeforeAnyRequest(String url) {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> newClient(url).build());

    assertThat(e.getMessage()).contains("https").doesNotContain(SECRET_KEY);
    assertThat(runRequestCount(server)).isZero();
  }

  @Test
  void plainHttpFromTheEnvironmentIsRefusedToo() {
    assertThatThrownBy(() -> TriggerRuns.builder().secretKey(SECRET_KEY)
        .environment(name -> name.equals("TRIGGER_API_URL") ? "http://api.example.com" : null).build())
        .isInstanceOf(InvalidRequestException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "localhost"})
  void plainHttpToLoopbackWorks(String host) {
    stubRuns(server, emptyPage());
    TriggerRuns client = newClient("http://" + host + ":" + server.getPort()).build();

    assertThat(listOnce(client).getData()).isEmpty();
    assertThat(runRequestCount(server)).isEqualTo(1);
    assertThat(client.baseUrl()).isEqualTo("http://" + host + ":" + server.getPort() + "/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://[::1]:3030", "http://127.0.0.2:3030", "http://app.localhost:3030",
      "https://api.example.com", "https://api.trigger.dev"})
  void httpsAnywhereAndHttpToOtherLoopbackNamesAreAccepted(String url) {
    assertThat(newClient(url).build().baseUrl()).startsWith(url.substring(0, url.indexOf(':')));
  }

  @ParameterizedTest
  @ValueSource(strings = {"not a url", "ftp://api.trigger.dev", "api.trigger.dev"})
  void malformedUrlIsRefused(String url) {
    assertThatThrownBy(() -> newClient(url).build()).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void aPathInTheBaseUrlIsKept() {
    server.stubFor(get(urlPathEqualTo("/proxy/api/v1/runs")).willReturn(emptyPage()));

    listOnce(newClient(server.baseUrl() + "/proxy").build());

    assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/proxy/api/v1/runs")))).hasSize(1);
  }
}
