package io.github.triggerruns.androidcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.android.tools.r8.ClassFileConsumer;
import com.example.consumer.ConsumerApp;
import com.android.tools.r8.CompilationMode;
import com.android.tools.r8.JdkClassFileProvider;
import com.android.tools.r8.R8;
import com.android.tools.r8.R8Command;
import com.android.tools.r8.StringConsumer;
import com.android.tools.r8.origin.Origin;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.triggerruns.internal.http.RequestHeadersInterceptor;
import io.github.triggerruns.testkit.FakeTriggerServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An app shrunk and obfuscated by R8 in full mode, with only the rules the jars ship plus a keep rule for the
 * app's entry point, runs against the testkit and sees every run exactly as the server wrote it. A rule the
 * library needs but does not ship makes the shrunk app fail here, not in users' release builds.
 */
class ShrunkAppTest {
  private static final String ENTRY_POINT = "com.example.consumer.ConsumerApp";
  private static final int RUNS = 130;

  /**
   * On the JVM Android's classes are absent. Retrofit and OkHttp look for the platform at run time and
   * reference these only on Android; they are named one by one so a reference from our code still fails.
   */
  private static final List<String> ANDROID_ONLY_REFERENCES = Arrays.asList(
      "-dontwarn android.annotation.TargetApi",
      "-dontwarn android.os.Build$VERSION",
      "-dontwarn android.os.Handler",
      "-dontwarn android.os.Looper");

  private static FakeTriggerServer server;
  private static Path shrunk;
  private static String mapping;

  @BeforeAll
  static void shrinkTheAppAndStartTheServer() throws Exception {
    List<Path> program = new ArrayList<>(AndroidToolchain.runtimeClasspath());
    program.add(AndroidToolchain.consumerJar());
    List<String> rules = new ArrayList<>();
    rules.add(AndroidToolchain.shippedRules(program));
    rules.add("-keep class " + ENTRY_POINT + " { public static void main(java.lang.String[]); }");
    rules.addAll(ANDROID_ONLY_REFERENCES);

    shrunk = AndroidToolchain.freshDirectory("shrunk").resolve("app.jar");
    StringBuilder map = new StringBuilder();
    AndroidToolchain.Diagnostics diagnostics = new AndroidToolchain.Diagnostics();
    R8.run(R8Command.builder(diagnostics)
        .addProgramFiles(program)
        .addLibraryResourceProvider(JdkClassFileProvider.fromSystemJdk())
        .addProguardConfiguration(rules, Origin.unknown())
        .setProguardCompatibility(false) // full mode, the default since AGP 8
        .setMode(CompilationMode.RELEASE)
        .setProgramConsumer(new ClassFileConsumer.ArchiveConsumer(shrunk, true))
        .setProguardMapConsumer((StringConsumer) (chunk, handler) -> map.append(chunk))
        .build());
    assertThat(diagnostics.errors).as(diagnostics.toString()).isEmpty();
    mapping = map.toString();
    // Beside the shrunk jar, to read a failing run's obfuscated stack trace (R8's retrace takes it).
    Files.writeString(shrunk.resolveSibling("mapping.txt"), mapping);

    server = FakeTriggerServer.builder().runs(RUNS).seed(19).build().start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void theLibraryIsShrunkAndObfuscated() {
    // Class lines of the map: "original.Name -> obfuscated.Name:".
    long renamed = mapping.lines()
        .filter(line -> line.startsWith("io.github.triggerruns.") && line.endsWith(":"))
        .filter(line -> !line.split(" -> ")[0].equals(line.split(" -> ")[1].replace(":", "")))
        .count();
    assertThat(renamed).as("library classes renamed by R8").isGreaterThan(20);
  }

  @Test
  void theShrunkAppListsIteratesFlowsAndFailsAsTheServerSays() throws Exception {
    List<String> output = runShrunkApp();
    List<JsonObject> serverRuns = serverRuns();
    assertThat(serverRuns).hasSizeGreaterThan(100);

    assertThat(output).contains("page 25 true");

    List<JsonObject> seen = output.stream().filter(line -> line.startsWith("run "))
        .map(line -> JsonParser.parseString(line.substring(4)).getAsJsonObject()).collect(Collectors.toList());
    assertThat(seen).hasSameSizeAs(serverRuns);
    for (int i = 0; i < serverRuns.size(); i++) {
      assertThat(seen.get(i)).as("run %d as the app decoded it", i).isEqualTo(asTheAppSeesIt(serverRuns.get(i)));
    }

    String ids = serverRuns.stream().map(run -> run.get("id").getAsString()).collect(Collectors.joining(","));
    assertThat(output).contains("flow " + ids);
    assertThat(output).contains("error 400 custom [filter[status]] Invalid status values: NOT_A_STATUS", "invalid");
    // An unknown key: 401 on the live server; the testkit answers 403 until it follows.
    assertThat(output).containsAnyOf("auth 401", "denied 403");
  }

  private static List<String> runShrunkApp() throws IOException, InterruptedException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-cp", shrunk.toString(), ENTRY_POINT,
        server.baseUrl(), server.secretKey()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    // A guard against a hang, not a timing assertion.
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(tail(output)).isTrue();
    assertThat(process.exitValue()).as("the shrunk app failed:\n%s", tail(output)).isZero();
    return output.lines().collect(Collectors.toList());
  }

  private static String tail(String output) {
    List<String> lines = output.lines().collect(Collectors.toList());
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** Every run in the app's window, read straight from the server, page after page. */
  private static List<JsonObject> serverRuns() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    List<JsonObject> runs = new ArrayList<>();
    String after = null;
    do {
      String query = "page%5Bsize%5D=100&filter%5BcreatedAt%5D%5Bperiod%5D=" + ConsumerApp.PERIOD
          + (after == null ? "" : "&page%5Bafter%5D=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
      HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/runs?" + query))
          .header("Authorization", "Bearer " + server.secretKey())
          .header("x-trigger-api-version", RequestHeadersInterceptor.API_VERSION)
          .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
      body.getAsJsonArray("data").forEach(run -> runs.add(run.getAsJsonObject()));
      JsonElement next = body.getAsJsonObject("pagination").get("next");
      after = next == null || next.isJsonNull() ? null : next.getAsString();
    } while (after != null);
    return runs;
  }

  /** The server's run in the form the app prints: the spec's fields by getter, the others kept as sent. */
  private static JsonObject asTheAppSeesIt(JsonObject server) {
    Set<String> declared = new LinkedHashSet<>(Arrays.asList("id", "status", "taskIdentifier", "version", "env",
        "idempotencyKey", "isTest", "createdAt", "updatedAt", "startedAt", "finishedAt", "delayedUntil",
        "expiredAt", "ttl", "tags", "costInCents", "baseCostInCents", "durationMs"));
    JsonObject o = new JsonObject();
    o.addProperty("id", string(server, "id"));
    o.addProperty("status", string(server, "status"));
    o.addProperty("taskIdentifier", string(server, "taskIdentifier"));
    o.addProperty("version", string(server, "version"));
    JsonObject env = server.getAsJsonObject("env");
    JsonObject envJson = new JsonObject();
    envJson.addProperty("id", string(env, "id"));
    envJson.addProperty("name", string(env, "name"));
    envJson.addProperty("user", string(env, "user"));
    o.add("env", envJson);
    o.addProperty("idempotencyKey", string(server, "idempotencyKey"));
    o.addProperty("isTest", server.has("isTest") && server.get("isTest").getAsBoolean());
    for (String time : Arrays.asList("createdAt", "updatedAt", "startedAt", "finishedAt", "delayedUntil",
        "expiredAt")) {
      String value = string(server, time);
      o.addProperty(time, value == null ? null : Instant.parse(value).toString());
    }
    o.addProperty("ttl", string(server, "ttl"));
    o.add("tags", server.has("tags") && !server.get("tags").isJsonNull() ? server.get("tags") : new JsonArray());
    for (String cost : Arrays.asList("costInCents", "baseCostInCents")) {
      String value = string(server, cost);
      o.addProperty(cost, value == null ? null : new BigDecimal(value).stripTrailingZeros().toPlainString());
    }
    String durationMs = string(server, "durationMs");
    o.addProperty("durationMs", durationMs == null ? null : new BigDecimal(durationMs).longValue());
    JsonObject additional = new JsonObject();
    for (Map.Entry<String, JsonElement> field : server.entrySet()) {
      if (!declared.contains(field.getKey())) {
        additional.add(field.getKey(), field.getValue());
      }
    }
    o.add("additional", additional);
    return o;
  }

  private static String string(JsonObject o, String name) {
    JsonElement value = o.get(name);
    return value == null || value.isJsonNull() ? null : value.getAsString();
  }
}
