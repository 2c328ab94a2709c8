package io.github.triggerruns.internal.http;

/**
 * A call argument that identifies one logical call across all its attempts. Retrofit passes the same
 * arguments to every attempt of a call, whether retried below it (status codes, connection failures) or
 * re-fetched above it (a body cut off while decoding), so the idempotency key travels with them.
 */
public interface LogicalCall {
  /** The {@code x-trigger-request-idempotency-key} of every attempt of this call. */
  String idempotencyKey();
}
