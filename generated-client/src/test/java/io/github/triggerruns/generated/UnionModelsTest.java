package io.github.triggerruns.generated;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.time.OffsetDateTime;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.github.triggerruns.generated.model.ListRunItem;
import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every oneOf/anyOf model and every OpenAPI 3.1 multi-type union the spec has (whichever they are: found by
 * their shape, not by name) decodes and encodes any JSON value unchanged. The stock retrofit2 output made them
 * empty classes that failed on every value.
 */
class UnionModelsTest {
  /** Plain Gson; timestamps as text (the generator's own date adapter is not generated, see pom.xml). */
  private static final Gson GSON = new GsonBuilder()
      .registerTypeAdapter(OffsetDateTime.class, new TypeAdapter<OffsetDateTime>() {
        @Override public void write(JsonWriter out, OffsetDateTime value) throws IOException {
          out.value(value.toString());
        }
        @Override public OffsetDateTime read(JsonReader in) throws IOException {
          return OffsetDateTime.parse(in.nextString());
        }
      }.nullSafe())
      .create();
  private static final List<String> VALUES = List.of("\"1h42m\"", "3600", "2.5", "true", "[\"a\",\"b\"]",
      "{\"format\":\"json\",\"results\":[{\"n\":1}]}", "\"2024-06-25T15:45:26Z\"");

  @Test
  void everyUnionModelKeepsAnyJsonValueBothWays() throws Exception {
    List<Class<?>> unions = unionModels();
    // The published spec has several (TTL is `type: [string, number]`); none found means the template broke.
    assertThat(unions).isNotEmpty();
    for (Class<?> union : unions) {
      for (String value : VALUES) {
        Object decoded = GSON.fromJson(value, union);
        JsonElement json = (JsonElement) union.getMethod("getJson").invoke(decoded);
        assertThat(json).as(union.getSimpleName() + " " + value).isEqualTo(JsonParser.parseString(value));
        assertThat(GSON.toJson(decoded)).as(union.getSimpleName()).isEqualTo(GSON.toJson(JsonParser.parseString(value)));
        Object built = union.getMethod("of", JsonElement.class).invoke(null, JsonParser.parseString(value));
        assertThat(built).isEqualTo(decoded).hasSameHashCodeAs(decoded);
      }
      assertThat(GSON.fromJson("null", union)).isNull();
    }
  }

  @Test
  void aUnionPropertyDecodesInsideItsModel() {
    ListRunItem asString = GSON.fromJson("{\"id\":\"run_1\",\"ttl\":\"1h\"}", ListRunItem.class);
    ListRunItem asNumber = GSON.fromJson("{\"id\":\"run_1\",\"ttl\":60}", ListRunItem.class);
    ListRunItem absent = GSON.fromJson("{\"id\":\"run_1\",\"ttl\":null}", ListRunItem.class);

    assertThat(asString.getTtl().getJson().getAsString()).isEqualTo("1h");
    assertThat(asNumber.getTtl().getJson().getAsInt()).isEqualTo(60);
    assertThat(absent.getTtl()).isNull();
  }

  /** The generated model classes made by jsonValueModel.mustache: final, with of(JsonElement) and getJson(). */
  private static List<Class<?>> unionModels() throws URISyntaxException, ClassNotFoundException {
    File folder = new File(ListRunItem.class.getResource("ListRunItem.class").toURI()).getParentFile();
    List<Class<?>> unions = new ArrayList<>();
    for (String name : folder.list()) {
      if (!name.endsWith(".class") || name.contains("$")) {
        continue;
      }
      Class<?> model = Class.forName(ListRunItem.class.getPackage().getName() + "."
          + name.substring(0, name.length() - ".class".length()));
      if (Modifier.isFinal(model.getModifiers()) && hasMethod(model, "of", JsonElement.class)
          && hasMethod(model, "getJson")) {
        unions.add(model);
      }
    }
    return unions;
  }

  private static boolean hasMethod(Class<?> type, String name, Class<?>... parameters) {
    try {
      Method method = type.getMethod(name, parameters);
      return method != null;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
