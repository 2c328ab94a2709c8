package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.triggerruns.TestClients.INTERNAL_500;
import static io.github.triggerruns.TestClients.SECRET_KEY;
import static io.github.triggerruns.TestClients.emptyPage;
import static io.github.triggerruns.TestClients.json;
import static io.github.triggerruns.TestClients.listOnce;
import static io.github.triggerruns.TestClients.newClient;
import static io.github.triggerruns.TestClients.runRequests;
import static io.github.triggerruns.TestClients.stubSequence;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A user's OkHttpClient is built upon, not changed: its interceptors run, its configuration stays as it was. */
class OkHttpClientSharingTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void usersInterceptorsRunAndTheirClientIsUnchanged() {
    stubSequence(server, json(503, INTERNAL_500), emptyPage());
    AtomicInteger appCalls = new AtomicInteger();
    AtomicInteger networkCalls = new AtomicInteger();
    Interceptor appInterceptor = chain -> {
      appCalls.incrementAndGet();
      return chain.proceed(chain.request().newBuilder().header("x-app-header", "from-app").build());
    };
    Interceptor networkInterceptor = chain -> {
      networkCalls.incrementAndGet();
      return chain.proceed(chain.request().newBuilder().header("x-app-network", "yes").build());
    };
    OkHttpClient users = new OkHttpClient.Builder()
        .addInterceptor(appInterceptor)
        .addNetworkInterceptor(networkInterceptor)
        .readTimeout(7, TimeUnit.SECONDS)
        .build();
    List<Interceptor> interceptorsBefore = new ArrayList<>(users.interceptors());
    List<Interceptor> networkInterceptorsBefore = new ArrayList<>(users.networkInterceptors());

    TriggerRuns client = newClient(server.baseUrl()).okHttpClient(users).readTimeout(Duration.ofSeconds(3)).build();
    listOnce(client);

    List<LoggedRequest> requests = runRequests(server);
    assertThat(requests).hasSize(2).allSatisfy(request -> {
      assertThat(request.getHeader("x-app-header")).isEqualTo("from-app");
      assertThat(request.getHeader("x-app-network")).isEqualTo("yes");
      assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + SECRET_KEY);
    });
    assertThat(appCalls).as("the user's application interceptor sees one logical call").hasValue(1);
    assertThat(networkCalls).as("the user's network interceptor sees every attempt").hasValue(2);
    assertThat(users.interceptors()).containsExactlyElementsOf(interceptorsBefore);
    assertThat(users.networkInterceptors()).containsExactlyElementsOf(networkInterceptorsBefore);
    assertThat(users.readTimeoutMillis()).isEqualTo(7_000);
    assertThat(users.retryOnConnectionFailure()).isTrue();
  }

  @Test
  void oneUserClientCanBackTwoTriggerClients() {
    stubSequence(server, emptyPage());
    OkHttpClient users = new OkHttpClient();

    listOnce(newClient(server.baseUrl()).okHttpClient(users).build());
    listOnce(newClient(server.baseUrl()).okHttpClient(users).secretKey("tr_dev_other").build());

    assertThat(runRequests(server)).extracting(r -> r.getHeader("Authorization"))
        .containsExactly("Bearer " + SECRET_KEY, "Bearer tr_dev_other");
    assertThat(users.interceptors()).isEmpty();
  }
}
