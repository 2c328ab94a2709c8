package io.github.triggerruns.testkit.internal;

import com.github.tomakehurst.wiremock.common.InputStreamSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * A body whose first bytes go out with the headers and whose rest follows only after a stall.
 * WireMock copies a body with {@link InputStream#transferTo}; this stream flushes the start (which
 * commits status and headers), sleeps, then writes the rest. WireMock's own dribble delay cannot do
 * this: it sleeps before the first byte, so the headers would be late too.
 */
final class StalledBody implements InputStreamSource {
  private final byte[] body;
  private final long stallMs;

  StalledBody(byte[] body, long stallMs) {
    this.body = body.clone();
    this.stallMs = stallMs;
  }

  @Override
  public InputStream getStream() {
    return new ByteArrayInputStream(body) {
      @Override
      public long transferTo(OutputStream out) throws IOException {
        int head = Math.min(body.length, Math.max(1, body.length / 4));
        out.write(body, 0, head);
        out.flush();
        try {
          Thread.sleep(stallMs);
        } catch (InterruptedException e) {
          // The server is stopping: give up on this response rather than hold up the shutdown.
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("stalled response interrupted");
        }
        out.write(body, head, body.length - head);
        out.flush();
        return body.length;
      }
    };
  }
}
