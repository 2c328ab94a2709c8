package io.github.triggerruns.internal.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.impl.HMAC;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;

/**
 * Signs HS256 with an environment's secret key, as the official SDK's {@code generateJWT} (jose) does.
 * Nimbus' own {@code MACSigner} refuses secrets under 256 bits (RFC 7518 3.2), but Trigger.dev's
 * {@code tr_dev_} and {@code tr_stg_} keys are 31 bytes and the server verifies tokens with the key as it
 * is; so this signer computes the MAC with Nimbus' HMAC over Nimbus' signing input, without that check.
 */
public final class Hs256Signer implements JWSSigner {
  private final byte[] secret;
  private final JCAContext context = new JCAContext();

  /** Signs with the UTF-8 bytes of {@code secretKey}. */
  public Hs256Signer(String secretKey) {
    this.secret = secretKey.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
    if (!JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
      throw new JOSEException("only HS256 is signed here, not " + header.getAlgorithm());
    }
    return Base64URL.encode(HMAC.compute("HmacSHA256", secret, signingInput, context.getProvider()));
  }

  @Override
  public Set<JWSAlgorithm> supportedJWSAlgorithms() {
    return Collections.singleton(JWSAlgorithm.HS256);
  }

  @Override
  public JCAContext getJCAContext() {
    return context;
  }

  @Override
  public String toString() {
    return "Hs256Signer{secret=<redacted>}";
  }
}
