package io.github.triggerruns.internal.query;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
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
  /**
   * Each method's {@link Query} name per parameter (null where none), read once: the JDK parses parameter
   * annotations afresh, allocating proxies, on every {@code getParameterAnnotations()}.
   */
  private final Map<Method, @Nullable String[]> queryNames = new ConcurrentHashMap<>();

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Invocation invocation = request.tag(Invocation.class);
    if (invocation == null) {
      return chain.proceed(request);
    }
    @Nullable String[] names = queryNames.computeIfAbsent(invocation.method(),
        DeepObjectQueryInterceptor::queryNamesOf);
    List<?> arguments = invocation.arguments();
    HttpUrl.Builder url = request.url().newBuilder();
    for (int i = 0; i < names.length; i++) {
      String name = names[i];
      Object argument = arguments.get(i);
      if (name == null || argument == null || !DeepObjectQueryEncoder.isDeepObject(argument.getClass())) {
        continue;
      }
      url.removeAllQueryParameters(name);
      for (Map.Entry<String, String> pair : DeepObjectQueryEncoder.encode(name, argument)) {
        url.addQueryParameter(pair.getKey(), pair.getValue());
      }
    }
    return chain.proceed(request.newBuilder().url(url.build()).build());
  }

  private static @Nullable String[] queryNamesOf(Method method) {
    Annotation[][] parameterAnnotations = method.getParameterAnnotations();
    @Nullable String[] names = new String[parameterAnnotations.length];
    for (int i = 0; i < parameterAnnotations.length; i++) {
      for (Annotation annotation : parameterAnnotations[i]) {
        if (annotation instanceof Query) {
          names[i] = ((Query) annotation).value();
        }
      }
    }
    return names;
  }
}
