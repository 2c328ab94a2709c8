package io.github.triggerruns;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The root of every error this client raises for a call that reached, or tried to reach, the API. Unchecked,
 * like the rest of the modern Java SDKs. Subclasses say what went wrong; this class carries what the server
 * answered: the HTTP status ({@code 0} when there was no answer), the response headers and the raw body.
 */
public class TriggerApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final transient Map<String, List<String>> headers;
  private final @Nullable String rawBody;

  /** For subclasses and wrappers; {@code headers} is kept as given and must be unmodifiable. */
  protected TriggerApiException(String message, int statusCode, Map<String, List<String>> headers,
      @Nullable String rawBody, @Nullable Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
    this.headers = headers;
    this.rawBody = rawBody;
  }

  /** An error without an HTTP answer behind it. */
  protected TriggerApiException(String message, @Nullable Throwable cause) {
    this(message, 0, Collections.<String, List<String>>emptyMap(), null, cause);
  }

  /** The HTTP status of the answer, or {@code 0} when none arrived. */
  public int getStatusCode() {
    return statusCode;
  }

  /** The answer's headers, names in lower case; empty when none arrived. */
  public Map<String, List<String>> getHeaders() {
    return headers == null ? Collections.<String, List<String>>emptyMap() : headers;
  }

  /** The first value of a response header, by case-insensitive name, or null. */
  public @Nullable String getHeader(String name) {
    List<String> values = getHeaders().get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The body of the answer as received, or null when none arrived. */
  public @Nullable String getRawBody() {
    return rawBody;
  }
}
