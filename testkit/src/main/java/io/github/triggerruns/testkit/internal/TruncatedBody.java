package io.github.triggerruns.testkit.internal;

import com.github.tomakehurst.wiremock.common.InputStreamSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A body that WireMock delivers only half of. WireMock copies a body with
 * {@link InputStream#transferTo}; this stream writes the first half, flushes it (which commits the
 * headers, including the full {@code Content-Length}) and stops. Jetty then sees fewer bytes than
 * announced and aborts the connection, so the client reads a short body and hits end-of-stream.
 *
 * <p>Any other reader (WireMock's journal, for instance) still gets the whole body from
 * {@link #getStream()}'s ordinary read methods.
 */
final class TruncatedBody implements InputStreamSource {
  private final byte[] body;

  TruncatedBody(byte[] body) {
    this.body = body.clone();
  }

  @Override
  public InputStream getStream() {
    return new ByteArrayInputStream(body) {
      @Override
      public long transferTo(OutputStream out) throws IOException {
        int half = body.length / 2;
        out.write(body, 0, half);
        out.flush();
        // Refusing the rest makes Jetty abort the response instead of finishing it.
        throw new IOException("body truncated on purpose by the trigger-runs testkit");
      }
    };
  }
}
