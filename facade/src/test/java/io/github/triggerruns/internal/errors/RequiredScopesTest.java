package io.github.triggerruns.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/** The scopes a 403's message names, per route, also behind a base URL with a path. */
class RequiredScopesTest {
  private static Request get(String url) {
    return new Request.Builder().url(url).build();
  }

  @Test
  void eachRouteNamesTheScopesItChecks() {
    assertThat(RequiredScopes.of(get("https://api.trigger.dev/api/v1/runs?page%5Bsize%5D=25")))
        .contains("read:runs", "read:tasks:<task>");
    assertThat(RequiredScopes.of(get("https://proxy.example.com/trigger/api/v3/runs/run_9")))
        .startsWith("read:runs:run_9");
    assertThat(RequiredScopes.of(new Request.Builder().url("https://proxy.example.com/t/api/v2/runs/run_9/cancel")
        .post(RequestBody.create(new byte[0])).build())).startsWith("write:runs:run_9");
    assertThat(RequiredScopes.of(get("https://api.trigger.dev/api/v1/queues"))).isEqualTo("the scopes this route checks");
  }
}
