package com.example.consumer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.triggerruns.AuthenticationException;
import io.github.triggerruns.BadRequestException;
import io.github.triggerruns.ErrorDetail;
import io.github.triggerruns.InvalidRequestException;
import io.github.triggerruns.Page;
import io.github.triggerruns.PageRequest;
import io.github.triggerruns.PermissionDeniedException;
import io.github.triggerruns.Run;
import io.github.triggerruns.RunEnvironment;
import io.github.triggerruns.RunFilter;
import io.github.triggerruns.RunStatus;
import io.github.triggerruns.TriggerRuns;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A small app as an Android developer would write it, using only the public API: builders, filters, pages,
 * {@code iterate}, {@code flow}, getters and typed exceptions. android-check shrinks it with R8 together with
 * the library, then runs the result against the testkit and compares what it prints with the server's JSON.
 *
 * <p>Arguments: base URL, secret key. Output, one fact a line: {@code page <size> <hasNextPage>}, then
 * {@code run <json>} per run from {@code iterate}, {@code flow <ids>}, {@code error ...} per detail of a
 * 400, {@code auth 401} or {@code denied 403} for a key the server does not know, and
 * {@code invalid}. The run JSON is built from the getters, never by reflection,
 * so it shows what the app sees.
 */
public final class ConsumerApp {
  /** The server's default window hides older runs; the testkit spreads its runs over 30 days. */
  public static final String PERIOD = "31d";

  private ConsumerApp() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    String baseUrl = args[0];
    String secretKey = args[1];
    TriggerRuns client = TriggerRuns.builder().baseUrl(baseUrl).secretKey(secretKey).build();
    RunFilter window = RunFilter.builder().period(PERIOD).build();

    Page<Run> page = client.runs().list(window, PageRequest.ofSize(25));
    out.println("page " + page.getData().size() + " " + page.hasNextPage());

    for (Run run : client.runs().iterate(window, PageRequest.ofSize(40))) {
      out.println("run " + json(run));
    }

    List<String> flowed = client.runs().flow(window, PageRequest.ofSize(40)).map(Run::getId).toList().blockingGet();
    out.println("flow " + String.join(",", flowed));

    try {
      client.runs().list(RunFilter.builder().statuses(RunStatus.of("NOT_A_STATUS")).build());
      out.println("error none");
    } catch (BadRequestException e) {
      for (ErrorDetail detail : e.getDetails()) {
        out.println("error " + e.getStatusCode() + " " + detail.getCode() + " " + detail.getPath() + " "
            + detail.getMessage());
      }
    }

    try {
      TriggerRuns.builder().baseUrl(baseUrl).secretKey(secretKey + "_wrong").build().runs().list(window);
      out.println("auth none");
    } catch (AuthenticationException e) {
      out.println("auth " + e.getStatusCode());
    } catch (PermissionDeniedException e) {
      out.println("denied " + e.getStatusCode());
    }

    try {
      PageRequest.ofSize(0);
      out.println("invalid none");
    } catch (InvalidRequestException e) {
      out.println("invalid");
    }
  }

  private static JsonObject json(Run run) {
    JsonObject o = new JsonObject();
    o.addProperty("id", run.getId());
    o.addProperty("status", run.getStatus().getValue());
    o.addProperty("taskIdentifier", run.getTaskIdentifier());
    o.addProperty("version", run.getVersion());
    RunEnvironment env = run.getEnvironment();
    JsonObject envJson = new JsonObject();
    envJson.addProperty("id", env.getId());
    envJson.addProperty("name", env.getName());
    envJson.addProperty("user", env.getUser());
    o.add("env", envJson);
    o.addProperty("idempotencyKey", run.getIdempotencyKey());
    o.addProperty("isTest", run.isTest());
    o.addProperty("createdAt", text(run.getCreatedAt()));
    o.addProperty("updatedAt", text(run.getUpdatedAt()));
    o.addProperty("startedAt", text(run.getStartedAt()));
    o.addProperty("finishedAt", text(run.getFinishedAt()));
    o.addProperty("delayedUntil", text(run.getDelayedUntil()));
    o.addProperty("expiredAt", text(run.getExpiredAt()));
    o.addProperty("ttl", run.getTtl());
    JsonArray tags = new JsonArray();
    for (String tag : run.getTags()) {
      tags.add(tag);
    }
    o.add("tags", tags);
    o.addProperty("costInCents", text(run.getCostInCents()));
    o.addProperty("baseCostInCents", text(run.getBaseCostInCents()));
    o.addProperty("durationMs", run.getDurationMs());
    JsonObject additional = new JsonObject();
    for (Map.Entry<String, JsonElement> field : run.getAdditionalFields().entrySet()) {
      additional.add(field.getKey(), field.getValue());
    }
    o.add("additional", additional);
    return o;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static String text(BigDecimal number) {
    return number == null ? null : number.stripTrailingZeros().toPlainString();
  }
}
