package io.github.triggerruns.testkit.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import java.util.List;

/** Builds the WireMock server that hosts a {@link RunsEndpoint} on loopback. */
public final class WireMockWiring {
  /** The only address the fake server listens on. */
  public static final String HOST = "127.0.0.1";

  private WireMockWiring() {}

  /** A WireMock server (not started) that serves {@code endpoint} on {@code port} (0: any free). */
  public static WireMockServer server(RunsEndpoint endpoint, int port) {
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
            .containerThreads(32)
            .extensions(new RunsTransformer(endpoint));
    WireMockServer server = new WireMockServer(options);
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
