package io.github.triggerruns;

import io.github.triggerruns.internal.auth.PublicTokens;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Public access tokens: short-lived, scoped JWTs a backend hands to an app (Android, browser) so that it can
 * subscribe to and list runs without the environment's secret key. Obtained from {@link TriggerRuns#auth()}.
 *
 * <pre>{@code
 * // Backend, with the secret key:
 * String token = client.auth().createPublicToken(PublicTokenOptions.builder().readRuns(runId).build());
 * // App:
 * TriggerRuns app = TriggerRuns.builder().publicAccessToken(token).build();
 * app.runs().subscribeToRun(runId).subscribe(run -> ...);
 * }</pre>
 */
public final class Auth {
  private final @Nullable PublicTokens tokens;
  private final Scheduler scheduler;

  Auth(@Nullable PublicTokens tokens, Scheduler scheduler) {
    this.tokens = tokens;
    this.scheduler = scheduler;
  }

  /**
   * Mints a public access token, as the official SDK's {@code auth.createPublicToken} does, with one request
   * on this thread. With the environment's root secret key: a request for the environment's claims
   * ({@code POST /api/v1/auth/jwt/claims}), then an HS256 signature with the key. With an additional API key
   * ({@code tr_<env>_sk_...}), which the server does not accept as a signing key: the server mints the token
   * ({@code POST /api/v1/auth/public-tokens}), granting only scopes within the key's own, for at most 30 days.
   * The token is a secret too: it is never logged by this client.
   *
   * @throws InvalidRequestException when this client was built with a public access token, not a secret key,
   *     or an additional key is asked for a token that lives longer than 30 days
   * @throws PermissionDeniedException when the options ask for scopes beyond the additional key's own
   * @throws NotFoundException when an additional key meets a server that cannot mint tokens
   * @throws TriggerApiException (a subclass) when the claims or the token cannot be fetched
   */
  public String createPublicToken(PublicTokenOptions options) {
    return minter(options).mint(options);
  }

  /**
   * {@link #createPublicToken}, its request sent when subscribed, on the client's scheduler: for a
   * backend that mints a token per request it serves without blocking a thread of its own.
   *
   * @throws InvalidRequestException at once, when this client was built with a public access token
   */
  public Single<String> createPublicTokenAsync(PublicTokenOptions options) {
    PublicTokens minter = minter(options);
    return Single.fromCallable(() -> minter.mint(options)).subscribeOn(scheduler);
  }

  private PublicTokens minter(PublicTokenOptions options) {
    Objects.requireNonNull(options, "options");
    if (tokens == null) {
      throw new InvalidRequestException("Minting a public access token needs the environment's secret key;"
          + " this client was built with a public access token. Mint tokens on a backend that has"
          + " TRIGGER_SECRET_KEY.");
    }
    return tokens;
  }

  @Override
  public String toString() {
    return "Auth{" + (tokens == null ? "public access token" : "secret key") + '}';
  }
}
