package io.github.triggerruns.internal.json;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.github.triggerruns.generated.model.RetrieveRunResponse;
import java.io.IOException;

/**
 * Decodes every {@link RetrieveRunResponse} as a {@link RetrievedRun} keeping its JSON. One run's details are
 * read as a tree first (a single object, unlike the pages of runs the streaming decoder is there for).
 */
final class RetrievedRunAdapterFactory implements TypeAdapterFactory {
  @Override
  @SuppressWarnings("unchecked")
  public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    if (type.getRawType() != RetrieveRunResponse.class) {
      return null;
    }
    TypeAdapter<JsonElement> tree = gson.getAdapter(JsonElement.class);
    TypeAdapter<RetrievedRun> model = gson.getAdapter(RetrievedRun.class);
    TypeAdapter<RetrieveRunResponse> base = gson.getDelegateAdapter(this, TypeToken.get(RetrieveRunResponse.class));
    return (TypeAdapter<T>) new TypeAdapter<RetrieveRunResponse>() {
      @Override
      public void write(JsonWriter out, RetrieveRunResponse value) throws IOException {
        base.write(out, value);
      }

      @Override
      public RetrieveRunResponse read(JsonReader in) throws IOException {
        JsonElement json = tree.read(in);
        if (!json.isJsonObject()) {
          throw new com.google.gson.JsonSyntaxException("Expected a run object but was " + json);
        }
        RetrievedRun run = model.fromJsonTree(json);
        run.setJson(json.getAsJsonObject());
        return run;
      }
    }.nullSafe();
  }
}
