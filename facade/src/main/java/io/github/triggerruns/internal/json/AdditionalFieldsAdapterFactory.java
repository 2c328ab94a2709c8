package io.github.triggerruns.internal.json;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.github.triggerruns.generated.model.ListRunItem;
import java.io.IOException;
import java.util.Map;

/** Decodes every {@link ListRunItem} as a {@link ListRunItemWithExtras}, keeping undeclared fields. */
final class AdditionalFieldsAdapterFactory implements TypeAdapterFactory {
  @Override
  @SuppressWarnings("unchecked")
  public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    if (type.getRawType() != ListRunItem.class) {
      return null;
    }
    TypeAdapter<ListRunItemWithExtras> delegate = gson.getAdapter(ListRunItemWithExtras.class);
    TypeAdapter<ListRunItem> base = gson.getDelegateAdapter(this, TypeToken.get(ListRunItem.class));
    return (TypeAdapter<T>) new TypeAdapter<ListRunItem>() {
      @Override
      public void write(JsonWriter out, ListRunItem value) throws IOException {
        base.write(out, value);
      }

      @Override
      public ListRunItem read(JsonReader in) throws IOException {
        if (!(in instanceof CapturingJsonReader)) {
          return delegate.read(in);
        }
        CapturingJsonReader capturing = (CapturingJsonReader) in;
        capturing.beginCapture();
        ListRunItemWithExtras item;
        Map<String, JsonElement> extras;
        try {
          item = delegate.read(in);
        } finally {
          extras = capturing.endCapture();
        }
        if (item != null) {
          item.setAdditionalFields(extras);
        }
        return item;
      }
    }.nullSafe();
  }
}
