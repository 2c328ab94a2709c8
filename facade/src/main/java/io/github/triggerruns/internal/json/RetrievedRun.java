package io.github.triggerruns.internal.json;

import com.google.gson.JsonObject;
import io.github.triggerruns.generated.model.RetrieveRunResponse;

/**
 * The generated run-details model plus the JSON it was decoded from. Decoding produces this subclass
 * wherever a {@link RetrieveRunResponse} is expected, so the facade can keep what the model does not declare
 * (undeclared fields, payloads of any JSON type, exact numbers) from a call to the generated interface.
 */
public final class RetrievedRun extends RetrieveRunResponse {
  private transient JsonObject json = new JsonObject();

  /** The object as received. Not copied: treat it as read-only. */
  public JsonObject json() {
    return json;
  }

  /** The details in {@code json} (also a related run's, which has the same common fields). */
  public static RetrievedRun of(JsonObject json) {
    RetrievedRun run = Json.gson().fromJson(json, RetrievedRun.class);
    run.setJson(json);
    return run;
  }

  void setJson(JsonObject json) {
    this.json = json;
  }
}
