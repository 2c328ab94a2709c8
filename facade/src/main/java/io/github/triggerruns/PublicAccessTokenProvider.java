package io.github.triggerruns;

import java.io.IOException;

/**
 * Supplies public access tokens to a client that outlives one token: an app subscribed to a run for longer
 * than the token's lifetime (15 minutes by default) keeps its subscription, instead of ending with
 * {@link AuthenticationException} when the token expires. Give it to
 * {@link TriggerRuns.Builder#publicAccessToken(PublicAccessTokenProvider)}.
 *
 * <pre>{@code
 * TriggerRuns app = TriggerRuns.builder()
 *     .publicAccessToken(() -> myBackend.fetchRunToken(runId))   // a blocking call to your backend
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface PublicAccessTokenProvider {
  /**
   * A token to use from now on. Called on one of the client's threads before its first request, and again
   * each time the server refuses the current token (401: expired, or revoked by a new signing key); calls
   * are not concurrent, and requests waiting for a token wait for this one. Blocking here, e.g. to ask the
   * app's backend, is expected. A request whose token was refused is sent once more with the new one;
   * returning the refused token again gives up, and the request fails with {@link AuthenticationException}.
   *
   * @throws IOException when the token cannot be fetched now; the request fails like one that could not
   *     connect (list calls retry it with backoff; realtime subscriptions back off and try again)
   */
  String fetchToken() throws IOException;
}
