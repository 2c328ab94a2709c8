package io.github.triggerruns.testkit;

import java.time.Duration;

/**
 * A failure the fake server can inject instead of (or on top of) its normal answer to one request.
 *
 * <p>Every kind except {@link #LATENCY} replaces the normal answer, and none of them changes the
 * server's state: a client that retries gets exactly the page it would have got without the fault.
 * Faulted requests still count in {@link FakeTriggerServer#requestCount()} and
 * {@link FakeTriggerServer#faultCounts()}.
 */
public enum Fault {
  /**
   * The normal answer, after a delay of {@link FaultPlan#latencyFaultDelay()} (default
   * {@link #DEFAULT_LATENCY}).
   */
  LATENCY,
  /** {@code 500} with the live body {@code {"error":"Internal Server Error"}}. */
  HTTP_500,
  /** {@code 502} with an HTML body, as a load balancer sends it: clients must not expect JSON. */
  HTTP_502,
  /** {@code 503} with an HTML body, as a load balancer sends it. */
  HTTP_503,
  /**
   * {@code 429} with the live {@code application/problem+json} body and {@code x-ratelimit-*}
   * headers, without touching the real token bucket. It resets one refill period of the server's
   * {@link RateLimit} later ({@link RateLimit#live()}'s 10 s when the server is unlimited).
   */
  HTTP_429,
  /** The connection is reset (RST) before any byte of the answer: an {@code IOException}. */
  CONNECTION_RESET,
  /** The connection is closed before any byte of the answer. */
  EMPTY_RESPONSE,
  /**
   * Status and headers of the normal answer, {@code Content-Length} of the full body, then only the
   * first half of the body and the connection is closed: an EOF error while reading the body.
   */
  TRUNCATED_BODY,
  /** The normal status and headers with a body that is not valid JSON (a cut-off page). */
  MALFORMED_JSON,
  /**
   * Status, headers and the first bytes of the body at once, then the rest only after
   * {@link FaultPlan#slowResponseDelay()} (default {@link #DEFAULT_SLOW_RESPONSE_DELAY}): trips a
   * client's read timeout while it reads the body.
   */
  SLOW_RESPONSE;

  /** How long a {@link #LATENCY} fault delays its answer unless the plan says otherwise. */
  public static final Duration DEFAULT_LATENCY = Duration.ofMillis(250);

  /** How long a {@link #SLOW_RESPONSE} stalls mid-body unless the plan says otherwise. */
  public static final Duration DEFAULT_SLOW_RESPONSE_DELAY = Duration.ofSeconds(5);
}
