package io.github.triggerruns.internal.query;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import retrofit2.Invocation;
import retrofit2.http.Query;

/**
 * Writes the deepObject query parameters of a call to the generated Retrofit interface. Retrofit itself can
 * only write {@code page=<toString()>} (and here writes nothing, see
 * {@link DeepObjectParameters}); this reads the
 * call's arguments from its {@link Invocation} tag and spreads each model argument of a {@link Query}
 * parameter over {@code name[key]} pairs with {@link DeepObjectQueryEncoder}.
 */
public final class DeepObjectQueryInterceptor implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Invocation invocation = request.tag(Invocation.class);
    if (invocation == null) {
      return chain.proceed(request);
    }
    Annotation[][] parameterAnnotations = invocation.method().getParameterAnnotations();
    List<?> arguments = invocation.arguments();
    HttpUrl.Builder url = request.url().newBuilder();
    for (int i = 0; i < parameterAnnotations.length; i++) {
      Object argument = arguments.get(i);
      if (argument == null || !DeepObjectQueryEncoder.isDeepObject(argument.getClass())) {
        continue;
      }
      for (Annotation annotation : parameterAnnotations[i]) {
        if (annotation instanceof Query) {
          String name = ((Query) annotation).value();
          url.removeAllQueryParameters(name);
          for (Map.Entry<String, String> pair : DeepObjectQueryEncoder.encode(name, argument)) {
            url.addQueryParameter(pair.getKey(), pair.getValue());
          }
        }
      }
    }
    return chain.proceed(request.newBuilder().url(url.build()).build());
  }
}
