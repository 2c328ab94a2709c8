package io.github.triggerruns.internal.json;

import com.google.gson.JsonElement;
import io.github.triggerruns.generated.model.ListRunItem;
import java.util.Collections;
import java.util.Map;

/**
 * The generated run model plus the fields the spec does not declare. Decoding produces this subclass
 * wherever a {@link ListRunItem} is expected, so the generated {@code ListRunsResult} carries the extras
 * through Retrofit untouched.
 */
public final class ListRunItemWithExtras extends ListRunItem {
  private transient Map<String, JsonElement> additionalFields = Collections.emptyMap();

  /** Undeclared fields by name, in the order received. */
  public Map<String, JsonElement> additionalFields() {
    return additionalFields;
  }

  void setAdditionalFields(Map<String, JsonElement> additionalFields) {
    this.additionalFields = additionalFields;
  }
}
