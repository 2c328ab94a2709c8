package io.github.triggerruns.testkit.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import io.github.triggerruns.testkit.internal.realtime.ClaimsTransformer;
import io.github.triggerruns.testkit.internal.realtime.PublicTokensTransformer;
import io.github.triggerruns.testkit.internal.realtime.RealtimeEndpoint;
import io.github.triggerruns.testkit.internal.realtime.RealtimeTransformer;
import java.util.List;

/** Builds the WireMock server that hosts a {@link RunsEndpoint} on loopback. */
public final class WireMockWiring {
  /** The only address the fake server listens on. */
  public static final String HOST = "127.0.0.1";

  private WireMockWiring() {}

  /** A WireMock server (not started) that serves {@code endpoint} on {@code port} (0: any free). */
  public static WireMockServer server(RunsEndpoint endpoint, int port) {
    return server(endpoint, null, port, 32);
  }

  /**
   * Like {@link #server(RunsEndpoint, int)}, also serving {@code realtime} (when not null) under
   * {@code /realtime/v1/}, with {@code threads} server threads: each held realtime request keeps one.
   */
  public static WireMockServer server(
      RunsEndpoint endpoint, RealtimeEndpoint realtime, int port, int threads) {
    return server(endpoint, realtime, null, null, port, threads);
  }

  /**
   * Like the above, also serving {@code claims} at {@code POST /api/v1/auth/jwt/claims} and
   * {@code publicTokens} at {@code POST /api/v1/auth/public-tokens} (each when not null).
   */
  public static WireMockServer server(
      RunsEndpoint endpoint, RealtimeEndpoint realtime, ClaimsTransformer claims,
      PublicTokensTransformer publicTokens, int port, int threads) {
    WireMockConfiguration options =
        WireMockConfiguration.options()
            .bindAddress(HOST)
            .port(port)
            // Plain HTTP/1.1 only: h2c upgrades would change how faults look on the wire, and
            // WireMock cannot inject socket faults into HTTP/2 streams.
            .http2PlainDisabled(true)
            // Identity bodies with an exact Content-Length, so truncation is measurable.
            .gzipDisabled(true)
            .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
            // A long-running sandbox must not keep every request in memory.
            .disableRequestJournal()
            .stubRequestLoggingDisabled(true)
            // Never pick up a user's own WireMock mappings from src/test/resources/mappings.
            .mappingSource(new NoMappings())
            // Quiet unless the user's test setup routes SLF4J somewhere.
            .notifier(new Slf4jNotifier(false))
            .containerThreads(threads);
    options.extensions(new RunsTransformer(endpoint));
    if (realtime != null) {
      options.extensions(new RealtimeTransformer(realtime));
    }
    if (claims != null) {
      options.extensions(claims);
    }
    if (publicTokens != null) {
      options.extensions(publicTokens);
    }
    WireMockServer server = new WireMockServer(options);
    if (claims != null) {
      server.stubFor(
          post(urlPathEqualTo("/api/v1/auth/jwt/claims"))
              .atPriority(1)
              .willReturn(aResponse().withStatus(200).withTransformers(ClaimsTransformer.NAME)));
    }
    if (publicTokens != null) {
      server.stubFor(
          post(urlPathEqualTo("/api/v1/auth/public-tokens"))
              .atPriority(1)
              .willReturn(aResponse().withStatus(200).withTransformers(PublicTokensTransformer.NAME)));
    }
    if (realtime != null) {
      server.stubFor(
          get(urlPathMatching("/realtime/v1/.*"))
              .atPriority(1)
              .willReturn(aResponse().withStatus(200).withTransformers(RealtimeTransformer.NAME)));
    }
    server.stubFor(
        any(anyUrl())
            .andMatching(request -> MatchResult.of(RunsEndpoint.serves(
                request.getMethod().getName(), request.getUrl().replaceFirst("\\?.*", ""))))
            .atPriority(1)
            .willReturn(aResponse().withStatus(200).withTransformers(RunsTransformer.NAME)));
    server.stubFor(
        any(anyUrl())
            .atPriority(10)
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", Answer.JSON)
                    .withBody("{\"error\":\"Not Found\"}")));
    return server;
  }

  private static final class NoMappings implements MappingsSource {
    @Override
    public void loadMappingsInto(StubMappings stubMappings) {}

    @Override
    public void save(List<StubMapping> stubMappings) {}

    @Override
    public void save(StubMapping stubMapping) {}

    @Override
    public void remove(StubMapping stubMapping) {}

    @Override
    public void removeAll() {}
  }
}
