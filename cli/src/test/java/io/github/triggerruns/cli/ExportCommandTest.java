package io.github.triggerruns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import io.github.triggerruns.testkit.Fault;
import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.FakeTriggerServer;
import io.github.triggerruns.testkit.FaultPlan;
import io.github.triggerruns.testkit.RateLimit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
  private static final String AWKWARD_TAG = "say \"hi\", then go";

  @TempDir Path dir;
  private FakeTriggerServer server;

  @BeforeEach
  void start() {
    server = FakeTriggerServer.builder().runs(120).seed(11).rateLimit(RateLimit.unlimited()).build().start();
    FakeRun newest = server.runs().get(0);
    server.updateRun(newest.id(), run -> run.tags(AWKWARD_TAG, "plain"));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private List<String> serverIds() {
    return server.runs().stream().map(FakeRun::id).toList();
  }

  @Test
  void ndjsonHoldsEveryMatchingRunAsTheApiSentIt() throws IOException {
    Path file = dir.resolve("runs.ndjson");

    Cli.Result result = Cli.run(Cli.against(server, "export", "--output", file.toString(), "--all-time",
        "--page-size", "25", "--parallel", "1"));

    assertThat(result.exitCode()).isZero();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines.stream().map(l -> JsonParser.parseString(l).getAsJsonObject().get("id").getAsString()))
        .containsExactlyElementsOf(serverIds());
    assertThat(JsonParser.parseString(lines.get(0)).getAsJsonObject().getAsJsonArray("tags").get(0).getAsString())
        .isEqualTo(AWKWARD_TAG);
    assertThat(ExportCursor.pathFor(file)).doesNotExist();
    // Not a terminal: no progress line, only the summary.
    assertThat(result.errLines()).containsExactly("exported 120 runs to " + file);
  }

  @Test
  void csvHasAHeaderAndQuotesFieldsByRfc4180() throws IOException {
    Path file = dir.resolve("runs.csv");

    Cli.Result result = Cli.run(Cli.against(server, "export", "--output", file.toString(), "--format", "csv",
        "--all-time", "--parallel", "1"));

    assertThat(result.exitCode()).isZero();
    String csv = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(csv).startsWith(String.join(",", CsvWriter.COLUMNS) + "\r\n").endsWith("\r\n");
    List<List<String>> rows = Rfc4180.parse(csv);
    assertThat(rows).hasSize(121);
    assertThat(rows.subList(1, rows.size()).stream().map(row -> row.get(0)).toList())
        .containsExactlyElementsOf(serverIds());
    List<String> first = rows.get(1);
    FakeRun newest = server.runs().get(0);
    assertThat(first.get(CsvWriter.COLUMNS.indexOf("status"))).isEqualTo(newest.apiStatus());
    assertThat(first.get(CsvWriter.COLUMNS.indexOf("taskIdentifier"))).isEqualTo(newest.taskIdentifier());
    JsonArray tags = JsonParser.parseString(first.get(CsvWriter.COLUMNS.indexOf("tags"))).getAsJsonArray();
    assertThat(tags.get(0).getAsString()).isEqualTo(AWKWARD_TAG);
    // The cell as written: JSON text, then quoted, with every quote doubled.
    assertThat(csv).contains(",\"[\"\"say \\\"\"hi\\\"\", then go\"\",\"\"plain\"\"]\",");
  }

  @Test
  void everyCsvCellIsTheSameFieldAsInTheJsonExport() throws IOException {
    Path csvFile = dir.resolve("runs.csv");
    Path jsonFile = dir.resolve("runs.ndjson");
    Cli.run(Cli.against(server, "export", "--output", csvFile.toString(), "--format", "csv", "--all-time"));
    Cli.run(Cli.against(server, "export", "--output", jsonFile.toString(), "--all-time"));

    List<List<String>> rows = Rfc4180.parse(Files.readString(csvFile, StandardCharsets.UTF_8));
    List<String> lines = Files.readAllLines(jsonFile, StandardCharsets.UTF_8);
    assertThat(rows).hasSize(lines.size() + 1);
    // A parallel export writes runs in the order their pages arrive: pair rows and lines by id.
    java.util.Map<String, com.google.gson.JsonObject> byId = new java.util.HashMap<>();
    for (String line : lines) {
      com.google.gson.JsonObject json = JsonParser.parseString(line).getAsJsonObject();
      byId.put(json.get("id").getAsString(), json);
    }
    assertThat(byId).hasSize(lines.size());
    for (List<String> row : rows.subList(1, rows.size())) {
      com.google.gson.JsonObject json = byId.get(row.get(CsvWriter.COLUMNS.indexOf("id")));
      assertThat(json).as("the JSON export's run " + row.get(0)).isNotNull();
      for (int c = 0; c < CsvWriter.COLUMNS.size(); c++) {
        String column = CsvWriter.COLUMNS.get(c);
        com.google.gson.JsonElement field = column.startsWith("env") ? json.getAsJsonObject("env")
            .get(column.substring(3, 4).toLowerCase(java.util.Locale.ROOT) + column.substring(4)) : json.get(column);
        String expected = field == null ? "" : field.isJsonPrimitive() ? field.getAsString() : field.toString();
        assertThat(row.get(c)).as(json.get("id") + " " + column).isEqualTo(expected);
      }
    }
    assertThat(rows.get(1).get(CsvWriter.COLUMNS.indexOf("envName"))).isEqualTo(server.runs().get(0).envName());
  }

  @Test
  void resumeContinuesFromTheCursorFileAndWritesEveryRunExactlyOnce() throws IOException {
    Path file = dir.resolve("runs.ndjson");
    // The third request fails and nothing retries it: the export stops after two complete pages.
    server.faults(FaultPlan.scripted(Map.of(3, Fault.HTTP_500)));

    Cli.Result stopped = Cli.run(Cli.against(server, "--max-retries", "0", "export", "--output", file.toString(),
        "--all-time", "--page-size", "25", "--parallel", "1"));

    assertThat(stopped.exitCode()).isEqualTo(ExitCodes.API);
    assertThat(Files.readAllLines(file)).hasSize(50);
    assertThat(ExportCursor.pathFor(file)).exists();
    assertThat(stopped.err()).contains("--resume");
    // A crash in the middle of a page leaves a partial line behind the last complete page: it must go.
    Files.writeString(file, "{\"id\":\"run_half", java.nio.file.StandardOpenOption.APPEND);

    Cli.Result resumed = Cli.run(Cli.against(server, "export", "--output", file.toString(), "--all-time",
        "--page-size", "25", "--resume", "--parallel", "1"));

    assertThat(resumed.exitCode()).isZero();
    List<String> ids = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      ids.add(JsonParser.parseString(line).getAsJsonObject().get("id").getAsString());
    }
    assertThat(ids).containsExactlyElementsOf(serverIds());
    assertThat(ExportCursor.pathFor(file)).doesNotExist();
    assertThat(resumed.errLines()).containsExactly("exported 120 runs to " + file);
  }

  @Test
  void csvResumeDoesNotRepeatTheHeader() throws IOException {
    Path file = dir.resolve("runs.csv");
    server.faults(FaultPlan.scripted(Map.of(2, Fault.CONNECTION_RESET)));
    Cli.Result stopped = Cli.run(Cli.against(server, "--max-retries", "0", "export", "--output", file.toString(),
        "--format", "csv", "--all-time", "--page-size", "50", "--parallel", "1"));
    assertThat(stopped.exitCode()).isEqualTo(ExitCodes.NETWORK);

    Cli.Result resumed = Cli.run(Cli.against(server, "export", "--output", file.toString(), "--format", "csv",
        "--all-time", "--page-size", "50", "--resume", "--parallel", "1"));

    assertThat(resumed.exitCode()).isZero();
    List<List<String>> rows = Rfc4180.parse(Files.readString(file));
    assertThat(rows.get(0)).isEqualTo(CsvWriter.COLUMNS);
    assertThat(rows.subList(1, rows.size()).stream().map(row -> row.get(0)).toList())
        .containsExactlyElementsOf(serverIds());
  }

  @Test
  void resumeWithoutACursorFileIsRefused() {
    Path file = dir.resolve("runs.ndjson");

    Cli.Result result = Cli.run(Cli.against(server, "export", "--output", file.toString(), "--resume"));

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines().get(0)).startsWith("error: Nothing to resume").contains(file + ".cursor");
    assertThat(file).doesNotExist();
  }

  @Test
  void anInterruptedExportIsNotOverwrittenWithoutResumeNorResumedWithAnotherFilter() throws IOException {
    Path file = dir.resolve("runs.ndjson");
    server.faults(FaultPlan.scripted(Map.of(2, Fault.HTTP_500)));
    Cli.run(Cli.against(server, "--max-retries", "0", "export", "-o", file.toString(), "--all-time",
        "--page-size", "25", "--parallel", "1"));
    String partial = Files.readString(file);

    Cli.Result again = Cli.run(Cli.against(server, "export", "-o", file.toString(), "--all-time"));
    Cli.Result otherFilter = Cli.run(Cli.against(server, "export", "-o", file.toString(), "--resume",
        "--status", "COMPLETED", "--all-time", "--page-size", "25", "--parallel", "1"));
    Cli.Result otherMode = Cli.run(Cli.against(server, "export", "-o", file.toString(), "--resume",
        "--all-time", "--page-size", "25"));

    assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(again.err()).contains("--resume");
    assertThat(otherFilter.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(otherMode.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(otherMode.err()).contains("--parallel 1");
    assertThat(Files.readString(file)).isEqualTo(partial);
  }

  @Test
  void progressIsRedrawnOnATerminal() {
    Path file = dir.resolve("runs.ndjson");

    Cli.Result result = Cli.run(Map.of(), new Terminal(false, true), Cli.against(server, "export", "-o",
        file.toString(), "--all-time", "--page-size", "50", "--parallel", "1"));

    assertThat(result.err()).contains("\r50 runs, 1 pages, ", "\r100 runs, 2 pages, ", "\r120 runs, 3 pages, ")
        .contains(" runs/s");
  }

  private static List<String> idsIn(Path file) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      ids.add(JsonParser.parseString(line).getAsJsonObject().get("id").getAsString());
    }
    return ids;
  }

  @Test
  void aParallelExportHoldsEveryRunOnce() throws IOException {
    Path file = dir.resolve("runs.ndjson");

    Cli.Result result = Cli.run(Cli.against(server, "export", "-o", file.toString(), "--all-time",
        "--page-size", "10"));

    assertThat(result.exitCode()).isZero();
    assertThat(idsIn(file)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(serverIds());
    assertThat(ExportCursor.pathFor(file)).doesNotExist();
    assertThat(result.errLines()).containsExactly("exported 120 runs to " + file);
  }

  @Test
  void aParallelExportKilledMidwayAndResumedHoldsWhatAnUninterruptedOneHolds() throws IOException {
    Path whole = dir.resolve("whole.ndjson");
    assertThat(Cli.run(Cli.against(server, "export", "-o", whole.toString(), "--all-time", "--page-size", "10",
        "--parallel", "4")).exitCode()).isZero();
    Path file = dir.resolve("runs.ndjson");
    // Request 25 fails and nothing retries it: the export stops part-way, with windows half done.
    server.faults(FaultPlan.scripted(Map.of(25, Fault.HTTP_500)));

    Cli.Result stopped = Cli.run(Cli.against(server, "--max-retries", "0", "export", "-o", file.toString(),
        "--all-time", "--page-size", "10", "--parallel", "4"));

    assertThat(stopped.exitCode()).isEqualTo(ExitCodes.API);
    assertThat(ExportCursor.pathFor(file)).exists();
    assertThat(idsIn(file)).isNotEmpty().hasSizeLessThan(120);
    // A crash in the middle of a page leaves a partial line behind the last complete page: it must go.
    Files.writeString(file, "{\"id\":\"run_half", java.nio.file.StandardOpenOption.APPEND);

    Cli.Result resumed = Cli.run(Cli.against(server, "export", "-o", file.toString(), "--all-time",
        "--page-size", "10", "--parallel", "4", "--resume"));

    assertThat(resumed.exitCode()).isZero();
    assertThat(idsIn(file)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(idsIn(whole))
        .containsExactlyInAnyOrderElementsOf(serverIds());
    assertThat(ExportCursor.pathFor(file)).doesNotExist();
  }

  @Test
  void aParallelExportWithoutATimeWindowIsRefusedBeforeAnyRequest() {
    Path file = dir.resolve("runs.ndjson");

    Cli.Result result = Cli.run(Cli.against(server, "export", "-o", file.toString(), "--status", "COMPLETED"));

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--all-time", "--parallel 1");
    assertThat(server.requestCount()).isZero();
    assertThat(file).doesNotExist();
  }

  @Test
  void parallelProgressShowsTheRateLimitInUseAndAnEta() {
    try (FakeTriggerServer limited = FakeTriggerServer.builder().runs(120).seed(11).build().start()) {
      Path file = dir.resolve("runs.ndjson");

      Cli.Result result = Cli.run(Map.of(), new Terminal(false, true), Cli.against(limited, "export", "-o",
          file.toString(), "--all-time", "--page-size", "20"));

      assertThat(result.exitCode()).isZero();
      assertThat(result.err()).containsPattern("\\r\\d+ runs, \\d+ pages, \\d+ runs/s, rate limit \\d+% in use,"
          + " ETA \\d+s");
    }
  }

  /** A strict RFC 4180 reader, written independently of the writer under test. */
  static final class Rfc4180 {
    static List<List<String>> parse(String csv) {
      List<List<String>> rows = new ArrayList<>();
      List<String> row = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      int i = 0;
      while (i < csv.length()) {
        char c = csv.charAt(i);
        if (c == '"' && field.length() == 0) {
          i++;
          while (true) {
            char q = csv.charAt(i++);
            if (q == '"') {
              if (i < csv.length() && csv.charAt(i) == '"') {
                field.append('"');
                i++;
              } else {
                break;
              }
            } else {
              field.append(q);
            }
          }
        } else if (c == ',') {
          row.add(field.toString());
          field.setLength(0);
          i++;
        } else if (c == '\r' && csv.startsWith("\r\n", i)) {
          row.add(field.toString());
          field.setLength(0);
          rows.add(row);
          row = new ArrayList<>();
          i += 2;
        } else {
          assertThat(c).as("unquoted quote or bare line break at %d", i).isNotIn('"', '\r', '\n');
          field.append(c);
          i++;
        }
      }
      assertThat(field.length()).as("text after the last CRLF").isZero();
      return rows;
    }
  }
}
