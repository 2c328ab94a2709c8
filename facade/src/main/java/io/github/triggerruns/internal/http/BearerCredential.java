package io.github.triggerruns.internal.http;

import io.github.triggerruns.InvalidRequestException;
import io.github.triggerruns.PublicAccessTokenProvider;
import io.github.triggerruns.internal.auth.PublicTokens;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a client sends as its bearer: a fixed secret key or token, or tokens from a
 * {@link PublicAccessTokenProvider}, fetched when first needed and again when the server refuses one.
 * Thread-safe; never shows its value.
 */
public final class BearerCredential {
  private final @Nullable PublicAccessTokenProvider provider;
  private @Nullable String current;

  private BearerCredential(@Nullable PublicAccessTokenProvider provider, @Nullable String current) {
    this.provider = provider;
    this.current = current;
  }

  /** Always {@code value}. */
  public static BearerCredential fixed(String value) {
    return new BearerCredential(null, value);
  }

  /** Tokens from {@code provider}. */
  public static BearerCredential refreshing(PublicAccessTokenProvider provider) {
    return new BearerCredential(provider, null);
  }

  /** Whether a refused value can be replaced. */
  public boolean refreshes() {
    return provider != null;
  }

  /** The value to send now. */
  public synchronized String current() throws IOException {
    String value = current;
    if (value == null) {
      // Only a provider's credential starts without a value.
      value = fetch(Objects.requireNonNull(provider, "provider"));
      current = value;
    }
    return value;
  }

  /**
   * The value to send again after the server refused {@code refused}: the one another call already
   * fetched, or a new one; null when there is none (a fixed value, or the provider gave the refused one).
   */
  public synchronized @Nullable String replacing(String refused) throws IOException {
    if (provider == null) {
      return null;
    }
    if (current != null && !current.equals(refused)) {
      return current;
    }
    String next = fetch(provider);
    if (next.equals(refused)) {
      return null;
    }
    current = next;
    return next;
  }

  private static String fetch(PublicAccessTokenProvider provider) throws IOException {
    String token = provider.fetchToken();
    if (token == null || !PublicTokens.looksLikeJwt(token.trim())) {
      throw new InvalidRequestException("The PublicAccessTokenProvider returned "
          + (token == null ? "null" : "something that is not a JWT") + ": it must return a public access token"
          + " (three dot-separated base64url parts), as auth.createPublicToken makes them.");
    }
    return token.trim();
  }

  @Override
  public String toString() {
    return "BearerCredential{" + (provider == null ? "fixed" : "from a provider") + ", <redacted>}";
  }
}
