package io.github.triggerruns.internal.http;

import java.io.IOException;
import okhttp3.Authenticator;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
import org.jspecify.annotations.Nullable;

/**
 * On a 401, sends the request once more with a new token from the client's {@link BearerCredential}:
 * OkHttp's own hook for credentials that expire, so a refreshed token costs one round trip and no retry
 * logic of ours. A request refused twice is given up (the caller sees the 401).
 */
public final class TokenRefreshAuthenticator implements Authenticator {
  private static final String BEARER = "Bearer ";

  private final BearerCredential credential;

  /** Refreshes {@code credential}. */
  public TokenRefreshAuthenticator(BearerCredential credential) {
    this.credential = credential;
  }

  @Override
  public @Nullable Request authenticate(@Nullable Route route, Response response) throws IOException {
    Response prior = response.priorResponse();
    if (prior != null && prior.code() == 401) {
      return null;
    }
    String sent = response.request().header("Authorization");
    if (sent == null || !sent.startsWith(BEARER)) {
      return null;
    }
    String next = credential.replacing(sent.substring(BEARER.length()));
    return next == null ? null : response.request().newBuilder().header("Authorization", BEARER + next).build();
  }
}
