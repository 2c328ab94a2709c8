package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.triggerruns.TestClients.INTERNAL_500;
import static io.github.triggerruns.TestClients.SECRET_KEY;
import static io.github.triggerruns.TestClients.emptyPage;
import static io.github.triggerruns.TestClients.json;
import static io.github.triggerruns.TestClients.listOnce;
import static io.github.triggerruns.TestClients.newClient;
import static io.github.triggerruns.TestClients.runRequestCount;
import static io.github.triggerruns.TestClients.runRequests;
import static io.github.triggerruns.TestClients.stubRuns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link TriggerRuns#newBuilder()}: this client's settings, its connection pool shared, the original untouched. */
class NewBuilderTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void aDerivedClientSharesThePoolAndDispatcherAndKeepsTheSettings() {
    stubRuns(server, json(500, INTERNAL_500));
    TriggerRuns original = newClient(server.baseUrl()).maxRetries(1).readTimeout(Duration.ofSeconds(3))
        .callTimeout(Duration.ofSeconds(7)).build();

    TriggerRuns derived = original.newBuilder().build();

    assertThat(derived.okHttpClient().connectionPool()).isSameAs(original.okHttpClient().connectionPool());
    assertThat(derived.okHttpClient().dispatcher()).isSameAs(original.okHttpClient().dispatcher());
    assertThat(derived.okHttpClient().readTimeoutMillis()).isEqualTo(3_000);
    assertThat(derived.okHttpClient().callTimeoutMillis()).isEqualTo(7_000);
    assertThat(derived.okHttpClient().interceptors()).as("the client's own interceptors are not added twice")
        .hasSameSizeAs(original.okHttpClient().interceptors());
    assertThat(derived.baseUrl()).isEqualTo(original.baseUrl());
    assertThatThrownBy(() -> listOnce(derived)).isInstanceOf(ServerException.class);
    assertThat(runRequestCount(server)).as("maxRetries(1) kept").isEqualTo(2);
    assertThat(runRequests(server)).allSatisfy(request ->
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + SECRET_KEY));
  }

  @Test
  void changingTheDerivedBuilderLeavesTheOriginalAsItWas() {
    stubRuns(server, json(500, INTERNAL_500));
    TriggerRuns original = newClient(server.baseUrl()).maxRetries(2).build();

    TriggerRuns derived = original.newBuilder().secretKey("tr_dev_other").maxRetries(0)
        .callTimeout(Duration.ofSeconds(5)).build();

    assertThatThrownBy(() -> listOnce(derived)).isInstanceOf(ServerException.class);
    assertThat(runRequests(server)).singleElement()
        .satisfies(request -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer tr_dev_other"));
    server.resetRequests();
    assertThatThrownBy(() -> listOnce(original)).isInstanceOf(ServerException.class);
    assertThat(runRequests(server)).hasSize(3).allSatisfy(request ->
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + SECRET_KEY));
    assertThat(original.okHttpClient().callTimeoutMillis()).isEqualTo(Duration.ofMinutes(2).toMillis());
    assertThat(derived.okHttpClient().connectionPool()).isSameAs(original.okHttpClient().connectionPool());
  }

  @Test
  void theKeyAndBaseUrlAreThoseResolvedFromTheEnvironmentAtBuild() {
    stubRuns(server, emptyPage());
    TriggerRuns original = TriggerRuns.builder().environment(name -> name.equals("TRIGGER_SECRET_KEY")
        ? SECRET_KEY : name.equals("TRIGGER_API_URL") ? server.baseUrl() : null).build();

    listOnce(original.newBuilder().environment(name -> null).build());

    assertThat(runRequests(server)).singleElement()
        .satisfies(request -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + SECRET_KEY));
  }

  @Test
  void aUsersOkHttpClientStaysTheBaseOfDerivedClients() {
    stubRuns(server, emptyPage());
    AtomicInteger appCalls = new AtomicInteger();
    OkHttpClient users = new OkHttpClient.Builder().addInterceptor(chain -> {
      appCalls.incrementAndGet();
      return chain.proceed(chain.request());
    }).build();
    TriggerRuns original = newClient(server.baseUrl()).okHttpClient(users).build();

    listOnce(original.newBuilder().build());

    assertThat(appCalls).as("the user's interceptor runs once a call, not once per derivation").hasValue(1);
    assertThat(users.interceptors()).hasSize(1);
  }

  @Test
  void theSecretKeyStaysOutOfTheBuildersToString() {
    TriggerRuns original = newClient(server.baseUrl()).build();

    assertThat(original.newBuilder().toString()).doesNotContain(SECRET_KEY).contains("redacted");
    assertThat(original.toString()).doesNotContain(SECRET_KEY);
  }
}
