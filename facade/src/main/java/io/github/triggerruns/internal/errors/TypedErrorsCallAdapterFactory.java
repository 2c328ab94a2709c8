package io.github.triggerruns.internal.errors;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.CallAdapter;
import retrofit2.Retrofit;

/**
 * Wraps RxJava 3's call adapters so that a failed call signals the client's typed exceptions
 * ({@link ErrorMapper#map}): a non-2xx answer is a {@code TriggerApiException} subclass, never Retrofit's
 * {@code HttpException}, and a network failure an {@code ApiConnectionException}. Interfaces returning
 * {@code Call<T>} are left to Retrofit (the generator emits none: it returns Observable or Completable).
 */
public final class TypedErrorsCallAdapterFactory extends CallAdapter.Factory {
  private final CallAdapter.Factory rx;
  private final Duration callTimeout;

  /** Adapts with {@code rx}, then maps its errors, naming {@code callTimeout} when a call runs out of it. */
  public TypedErrorsCallAdapterFactory(CallAdapter.Factory rx, Duration callTimeout) {
    this.rx = rx;
    this.callTimeout = callTimeout;
  }

  @Override
  public @Nullable CallAdapter<?, ?> get(Type returnType, Annotation[] annotations, Retrofit retrofit) {
    @SuppressWarnings("unchecked")
    CallAdapter<Object, Object> delegate = (CallAdapter<Object, Object>) rx.get(returnType, annotations, retrofit);
    if (delegate == null) {
      return null;
    }
    return new CallAdapter<Object, Object>() {
      @Override
      public Type responseType() {
        return delegate.responseType();
      }

      @Override
      public Object adapt(Call<Object> call) {
        return typedErrors(delegate.adapt(call));
      }
    };
  }

  private Object typedErrors(Object reactive) {
    if (reactive instanceof Observable) {
      return ((Observable<?>) reactive).onErrorResumeNext(e -> Observable.error(ErrorMapper.map(e, callTimeout)));
    }
    if (reactive instanceof Single) {
      return ((Single<?>) reactive).onErrorResumeNext(e -> Single.error(ErrorMapper.map(e, callTimeout)));
    }
    if (reactive instanceof Maybe) {
      return ((Maybe<?>) reactive).onErrorResumeNext(e -> Maybe.error(ErrorMapper.map(e, callTimeout)));
    }
    if (reactive instanceof Completable) {
      return ((Completable) reactive).onErrorResumeNext(e -> Completable.error(ErrorMapper.map(e, callTimeout)));
    }
    if (reactive instanceof Flowable) {
      return ((Flowable<?>) reactive).onErrorResumeNext(e -> Flowable.error(ErrorMapper.map(e, callTimeout)));
    }
    return reactive;
  }
}
