package io.github.triggerruns.internal.auth;

import java.util.regex.Pattern;

/**
 * The shapes of the environment's secret keys, as the official SDK tells them apart
 * ({@code packages/core/src/v3/apiKeys.ts}): the root key, or an additional API key
 * {@code tr_<env>_sk_<24 letters or digits>} made on the project's API keys page.
 */
public final class ApiKeys {
  // ADDITIONAL_API_KEY_PATTERN: only a routing hint (the server looks the key up), as in the SDK.
  private static final Pattern ADDITIONAL = Pattern.compile("^tr_(dev|stg|prod|preview)_sk_[0-9a-zA-Z]{24}$");

  private ApiKeys() {}

  /**
   * Whether {@code key} has an additional API key's shape: such a key cannot sign public access
   * tokens the server accepts (it verifies them with the root key), so tokens are minted by the server.
   */
  public static boolean isAdditional(String key) {
    return ADDITIONAL.matcher(key).matches();
  }
}
