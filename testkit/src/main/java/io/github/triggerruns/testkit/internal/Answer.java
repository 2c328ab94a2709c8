package io.github.triggerruns.testkit.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the server sends for one request, independent of WireMock: status, headers, body, a delay
 * before answering, and how the body is delivered ({@link Delivery}).
 */
public final class Answer {
  /** How the bytes reach the client. */
  public enum Delivery {
    /** Status, headers and the whole body. */
    NORMAL,
    /** A TCP reset instead of an answer. */
    RESET,
    /** The connection closed without a byte. */
    EMPTY,
    /** Headers with the full Content-Length, half the body, then the connection closes. */
    TRUNCATED,
    /** Headers and the start of the body, a stall of {@link #stallMs()}, then the rest. */
    STALLED
  }

  public static final String JSON = "application/json; charset=utf-8";
  static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";

  private final int status;
  private final Map<String, String> headers;
  private final byte[] body;
  private final long delayMs;
  private final Delivery delivery;
  private final long stallMs;

  private Answer(
      int status, Map<String, String> headers, byte[] body, long delayMs, Delivery delivery,
      long stallMs) {
    this.status = status;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.body = body;
    this.delayMs = delayMs;
    this.delivery = delivery;
    this.stallMs = stallMs;
  }

  /** A JSON answer written on one line. */
  public static Answer json(int status, JsonElement body) {
    return of(status, JSON, Json.compact(body));
  }

  /** The webapp's usual error answer, {@code json({error: message}, {status})}. */
  public static Answer error(int status, String message) {
    JsonObject body = new JsonObject();
    body.addProperty("error", message);
    return json(status, body);
  }

  /** A problem+json answer, pretty-printed as the live rate limiter writes it. */
  static Answer problem(int status, JsonElement body) {
    return of(status, PROBLEM_JSON, Json.pretty(body));
  }

  /** An answer with the given content type and text body. */
  public static Answer of(int status, String contentType, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    return new Answer(
        status, headers, body.getBytes(StandardCharsets.UTF_8), 0, Delivery.NORMAL, 0);
  }

  /** No answer at all, delivered as {@code delivery} (RESET or EMPTY). */
  public static Answer broken(Delivery delivery) {
    return new Answer(0, Map.of(), new byte[0], 0, delivery, 0);
  }

  /** The same answer plus a header (replacing one of the same name). */
  public Answer withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Answer(status, h, body, delayMs, delivery, stallMs);
  }

  /** The same answer with all of {@code extra}'s headers added. */
  Answer withHeaders(Map<String, String> extra) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.putAll(extra);
    return new Answer(status, h, body, delayMs, delivery, stallMs);
  }

  /** The same answer with another body. */
  Answer withBody(byte[] newBody) {
    return new Answer(status, headers, newBody, delayMs, delivery, stallMs);
  }

  /** The same answer, {@code moreMs} later. */
  public Answer delayedBy(long moreMs) {
    return new Answer(status, headers, body, delayMs + moreMs, delivery, stallMs);
  }

  /** The same answer delivered differently. */
  Answer deliveredAs(Delivery newDelivery, long newStallMs) {
    return new Answer(status, headers, body, delayMs, newDelivery, newStallMs);
  }

  /** HTTP status (0 for RESET and EMPTY). */
  public int status() {
    return status;
  }

  /** Response headers in order. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The full body (a TRUNCATED delivery sends only its first half). */
  public byte[] body() {
    return body.clone();
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Milliseconds to wait before answering. */
  public long delayMs() {
    return delayMs;
  }

  /** How the answer is delivered. */
  public Delivery delivery() {
    return delivery;
  }

  /** The mid-body stall of a STALLED delivery. */
  public long stallMs() {
    return stallMs;
  }
}
