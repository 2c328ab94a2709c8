package io.github.triggerruns.internal.query;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns a generated parameter model into deepObject query pairs the way the official SDK does, because the
 * generator cannot: nested objects become {@code name[key][sub]}, arrays one comma-joined value, dates epoch
 * milliseconds; nulls and empty arrays are left out. Keys come from the model's serialized names, so a
 * filter property added to the spec reaches the wire with no code here.
 */
public final class DeepObjectQueryEncoder {
  /** Model values go through Gson; dates as epoch milliseconds, the one form the server never misreads. */
  private static final Gson QUERY_GSON = new GsonBuilder()
      .registerTypeAdapter(OffsetDateTime.class, new TypeAdapter<OffsetDateTime>() {
        @Override
        public void write(JsonWriter out, OffsetDateTime value) throws java.io.IOException {
          out.value(Long.toString(value.toInstant().toEpochMilli()));
        }

        @Override
        public OffsetDateTime read(JsonReader in) {
          throw new UnsupportedOperationException("query values are only written");
        }
      }.nullSafe())
      .create();

  private DeepObjectQueryEncoder() {}

  /** Whether values of this type are objects to spread over deepObject keys (not scalars or lists). */
  public static boolean isDeepObject(Type type) {
    if (!(type instanceof Class)) {
      return false;
    }
    Class<?> c = (Class<?>) type;
    return !(c.isPrimitive() || c.isEnum() || CharSequence.class.isAssignableFrom(c)
        || Number.class.isAssignableFrom(c) || Boolean.class == c || Collection.class.isAssignableFrom(c)
        || c.getName().startsWith("java."));
  }

  /** The query pairs for {@code value} under {@code name}, in the model's field order. */
  public static List<Map.Entry<String, String>> encode(String name, Object value) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    JsonElement tree = QUERY_GSON.toJsonTree(value);
    if (value instanceof HasExtraQueryKeys) {
      JsonObject withExtras = tree.getAsJsonObject();
      for (Map.Entry<String, String> extra : ((HasExtraQueryKeys) value).extraQueryKeys().entrySet()) {
        withExtras.addProperty(extra.getKey(), extra.getValue());
      }
    }
    flatten(name, tree, pairs);
    return pairs;
  }

  private static void flatten(String key, JsonElement value, List<Map.Entry<String, String>> out) {
    if (value.isJsonNull()) {
      return;
    }
    if (value.isJsonObject()) {
      for (Map.Entry<String, JsonElement> field : value.getAsJsonObject().entrySet()) {
        flatten(key + '[' + field.getKey() + ']', field.getValue(), out);
      }
    } else if (value.isJsonArray()) {
      JsonArray array = value.getAsJsonArray();
      if (array.size() == 0) {
        return;
      }
      StringBuilder joined = new StringBuilder();
      for (JsonElement item : array) {
        joined.append(joined.length() == 0 ? "" : ",").append(item.getAsString());
      }
      out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(key, joined.toString()));
    } else {
      out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(key, value.getAsString()));
    }
  }
}
