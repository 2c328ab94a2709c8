package io.github.triggerruns.testkit;

import static io.github.triggerruns.testkit.Http.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PageSizeTest {
  static FakeTriggerServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server =
        FakeTriggerServer.builder()
            .runs(150)
            .clock(MutableClock.at(Instant.parse("2025-07-20T10:00:00Z")))
            .build()
            .start();
    http = Http.to(server);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void defaultIs25() {
    assertThat(http.get(params("filter[createdAt][from]", "1")).items()).hasSize(25);
  }

  @Test
  void oneAndHundredAreTheBounds() {
    assertThat(http.get(params("page[size]", "1", "filter[createdAt][from]", "1")).items())
        .hasSize(1);
    assertThat(http.get(params("page[size]", "100", "filter[createdAt][from]", "1")).items())
        .hasSize(100);
  }

  @Test
  void zeroFailsBothLowerBoundChecks() {
    Http.Resp r = http.get(params("page[size]", "0"));

    assertThat(r.status).isEqualTo(400);
    assertThat(r.json())
        .isEqualTo(
            JsonParser.parseString(
                "{\"error\":\"Query Error\",\"details\":["
                    + "{\"code\":\"too_small\",\"minimum\":0,\"type\":\"number\",\"inclusive\":false,"
                    + "\"exact\":false,\"message\":\"Number must be greater than 0\",\"path\":[\"page[size]\"]},"
                    + "{\"code\":\"too_small\",\"minimum\":1,\"type\":\"number\",\"inclusive\":true,"
                    + "\"exact\":false,\"message\":\"Number must be greater than or equal to 1\","
                    + "\"path\":[\"page[size]\"]}]}"));
  }

  @Test
  void aboveHundredIsTooBig() {
    Http.Resp r = http.get(params("page[size]", "101"));

    assertThat(r.status).isEqualTo(400);
    assertThat(r.details())
        .containsExactly(
            JsonParser.parseString(
                "{\"code\":\"too_big\",\"maximum\":100,\"type\":\"number\",\"inclusive\":true,"
                    + "\"exact\":false,\"message\":\"Number must be less than or equal to 100\","
                    + "\"path\":[\"page[size]\"]}"));
  }

  @Test
  void nonIntegersAreRejected() {
    Http.Resp fraction = http.get(params("page[size]", "2.5"));
    Http.Resp word = http.get(params("page[size]", "ten"));

    assertThat(fraction.status).isEqualTo(400);
    assertThat(fraction.details().get(0).getAsJsonObject().get("message").getAsString())
        .isEqualTo("Expected integer, received float");
    assertThat(word.status).isEqualTo(400);
    assertThat(word.details().get(0).getAsJsonObject().get("received").getAsString())
        .isEqualTo("nan");
  }

  @Test
  void everyInvalidKeyIsReportedTogether() {
    Http.Resp r =
        http.get(
            params(
                "page[size]", "500", "filter[status]", "QUEUED,nope", "filter[isTest]", "yes",
                "filter[createdAt][from]", "yesterday"));

    assertThat(r.status).isEqualTo(400);
    assertThat(r.details())
        .extracting(d -> d.getAsJsonObject().getAsJsonArray("path").get(0).getAsString())
        .containsExactly(
            "page[size]", "filter[status]", "filter[isTest]", "filter[createdAt][from]");
  }
}
