package io.github.triggerruns.internal.query;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Tells Retrofit to write nothing for query parameters of model types: on its own it would write
 * {@code page=<toString()>}. {@link DeepObjectQueryInterceptor} writes them instead, as deepObject pairs.
 */
public final class DeepObjectParameters extends Converter.Factory {
  @Override
  public Converter<?, String> stringConverter(Type type, Annotation[] annotations, Retrofit retrofit) {
    // Retrofit leaves out a query parameter whose converted value is null.
    return DeepObjectQueryEncoder.isDeepObject(type) ? value -> null : null;
  }
}
