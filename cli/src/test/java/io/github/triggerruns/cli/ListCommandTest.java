package io.github.triggerruns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.FakeTriggerServer;
import io.github.triggerruns.testkit.FakeTriggerServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ListCommandTest {
  @RegisterExtension
  static final FakeTriggerServerExtension trigger =
      FakeTriggerServerExtension.of(FakeTriggerServer.builder().runs(120).seed(7));

  private static FakeTriggerServer server() {
    return trigger.server();
  }

  private static List<String> allIds() {
    return server().runs().stream().map(FakeRun::id).toList();
  }

  @Test
  void tablePrintsHeaderAndAlignedRowsWithoutAnsiWhenNotATerminal() {
    Cli.Result result = Cli.run(Cli.against(server(), "list", "--all-time", "--limit", "10"));

    assertThat(result.exitCode()).isZero();
    List<String> lines = result.outLines();
    assertThat(lines).hasSize(11);
    assertThat(lines.get(0)).startsWith("ID").contains("STATUS", "TASK", "CREATED", "DURATION", "TAGS");
    assertThat(result.out()).doesNotContain("\u001b[");
    // Aligned: every column starts at the same offset in the header and in each row.
    int status = lines.get(0).indexOf("STATUS");
    int task = lines.get(0).indexOf("TASK");
    int created = lines.get(0).indexOf("CREATED");
    for (int i = 1; i < lines.size(); i++) {
      FakeRun run = server().runs().get(i - 1);
      String line = lines.get(i);
      assertThat(line).startsWith(run.id());
      assertThat(line.substring(status)).startsWith(run.apiStatus());
      assertThat(line.substring(task)).startsWith(run.taskIdentifier());
      assertThat(line.substring(created)).startsWith(run.createdAt().toString().substring(0, 19));
    }
  }

  @Test
  void tableColoursTheStatusOnATerminal() {
    Cli.Result result = Cli.run(Map.of(), new Terminal(true, true),
        Cli.against(server(), "list", "--all-time", "--status", "COMPLETED", "--limit", "3"));

    assertThat(result.outLines().get(1)).contains("\u001b[32mCOMPLETED");
    assertThat(result.outLines().get(0)).doesNotContain("\u001b[");
  }

  @Test
  void jsonIsOneArrayOfTheServersRunsInOrderWithEveryFieldIncludingUndeclaredOnes() throws Exception {
    Cli.Result result = Cli.run(Cli.against(server(), "list", "--all-time", "--all", "--json"));

    assertThat(result.exitCode()).isZero();
    JsonArray runs = JsonParser.parseString(result.out()).getAsJsonArray();
    assertThat(runs).hasSize(120);
    assertThat(runs.asList().stream().map(r -> r.getAsJsonObject().get("id").getAsString()).toList())
        .isEqualTo(allIds());
    JsonObject first = runs.get(0).getAsJsonObject();
    assertThat(first.keySet()).contains("isSuccess", "isCompleted", "taskKind", "region", "depth");
    // Exactly what the API sent, field for field: compare with the server's own first page.
    assertThat(runs.asList().subList(0, 100)).isEqualTo(rawFirstPage().asList());
  }

  @Test
  void ndjsonPrintsOneObjectPerLine() {
    Cli.Result result = Cli.run(Cli.against(server(), "list", "--all-time", "--limit", "30", "--ndjson"));

    assertThat(result.exitCode()).isZero();
    assertThat(result.outLines()).hasSize(30);
    assertThat(result.outLines()).allSatisfy(line -> assertThat(JsonParser.parseString(line).isJsonObject()).isTrue());
    assertThat(result.outLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject().get("id").getAsString()))
        .containsExactlyElementsOf(allIds().subList(0, 30));
  }

  @Test
  void statusFilterReachesTheServer() {
    Cli.Result result = Cli.run(Cli.against(server(), "list", "--all-time", "--all", "--status", "COMPLETED"));

    List<String> expected = server().runs().stream().filter(r -> r.status().equals("COMPLETED")).map(FakeRun::id)
        .toList();
    assertThat(expected).isNotEmpty();
    List<String> rows = result.outLines().subList(1, result.outLines().size());
    assertThat(rows).allSatisfy(row -> assertThat(row).contains(" COMPLETED "));
    assertThat(rows.stream().map(row -> row.substring(0, row.indexOf(' '))).toList()).isEqualTo(expected);
  }

  @Test
  void taskAndMultiValueFiltersReachTheServer() {
    Cli.Result result = Cli.run(Cli.against(server(), "list", "--all-time", "--all", "--ndjson",
        "--task", "send-email,sync-crm", "--status", "COMPLETED,FAILED"));

    List<String> expected = server().runs().stream()
        .filter(r -> List.of("send-email", "sync-crm").contains(r.taskIdentifier()))
        .filter(r -> List.of("COMPLETED", "FAILED").contains(r.status()))
        .map(FakeRun::id).toList();
    assertThat(expected).isNotEmpty();
    assertThat(result.outLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject().get("id").getAsString()))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void withoutATimeFlagItHintsAtTheServersSevenDayWindow() {
    Cli.Result window = Cli.run(Cli.against(server(), "list", "--all", "--ndjson"));
    Cli.Result allTime = Cli.run(Cli.against(server(), "list", "--all", "--ndjson", "--all-time"));
    Cli.Result period = Cli.run(Cli.against(server(), "list", "--period", "30d", "--ndjson"));

    assertThat(window.errLines()).containsExactly(
        "showing runs of the last 7 days (server default); use --all-time or --period");
    assertThat(window.outLines()).hasSizeLessThan(120).isNotEmpty();
    assertThat(allTime.err()).isEmpty();
    assertThat(allTime.outLines()).hasSize(120);
    assertThat(period.err()).isEmpty();
  }

  @Test
  void limitStopsAtNRunsWithoutFetchingFurtherPages() {
    int before = server().requestCount();
    Cli.Result result = Cli.run(Cli.against(server(), "list", "--all-time", "--limit", "7", "--page-size", "5",
        "--ndjson"));

    assertThat(result.outLines()).hasSize(7);
    assertThat(server().requestCount() - before).isEqualTo(2);
  }

  @Test
  void defaultLimitIs25AndAllReadsEveryPage() {
    int before = server().requestCount();
    Cli.Result defaults = Cli.run(Cli.against(server(), "list", "--all-time", "--ndjson"));
    assertThat(server().requestCount() - before).isEqualTo(1);
    Cli.Result all = Cli.run(Cli.against(server(), "list", "--all-time", "--all", "--page-size", "50", "--ndjson"));

    assertThat(defaults.outLines()).hasSize(25);
    assertThat(all.outLines()).hasSize(120);
  }

  @Test
  void limitAndAllTogetherAreAUsageError() {
    Cli.Result result = Cli.run(Cli.against(server(), "list", "--all", "--limit", "3"));

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--limit").contains("--all");
  }

  @Test
  void globalOptionsWorkBeforeTheSubcommandToo() {
    Cli.Result result = Cli.run("--api-url", server().baseUrl(), "--key", server().secretKey(), "list",
        "--all-time", "--limit", "2", "--ndjson");

    assertThat(result.exitCode()).isZero();
    assertThat(result.outLines()).hasSize(2);
    assertThat(result.err()).doesNotContain("sandbox");
  }

  @Test
  void theKeyCanComeFromTheEnvironment() {
    Cli.Result result = Cli.run(Map.of("TRIGGER_SECRET_KEY", server().secretKey(), "TRIGGER_API_URL",
        server().baseUrl()), Terminal.PLAIN, "list", "--all-time", "--limit", "2", "--ndjson");
    Cli.Result token = Cli.run(Map.of("TRIGGER_ACCESS_TOKEN", server().secretKey(), "TRIGGER_API_URL",
        server().baseUrl()), Terminal.PLAIN, "list", "--all-time", "--limit", "2", "--ndjson");

    assertThat(result.outLines()).hasSize(2);
    assertThat(token.outLines()).hasSize(2);
  }

  private static JsonArray rawFirstPage() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server().baseUrl()
            + "/api/v1/runs?page%5Bsize%5D=100&filter%5BcreatedAt%5D%5Bfrom%5D=1"))
        .header("Authorization", "Bearer " + server().secretKey())
        .header("x-trigger-api-version", "2025-07-16")
        .build();
    String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    JsonElement page = JsonParser.parseString(body);
    return page.getAsJsonObject().getAsJsonArray("data");
  }
}
