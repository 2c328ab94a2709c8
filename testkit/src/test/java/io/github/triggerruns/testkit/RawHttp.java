package io.github.triggerruns.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange over a plain socket, for faults a client library would hide or retry:
 * what exactly arrived, and how the stream ended.
 */
final class RawHttp {
  /** What came back: the header block (if complete), body bytes, and how reading ended. */
  static final class Exchange {
    String head;
    byte[] body = new byte[0];
    IOException failure;
    boolean eof;

    int contentLength() {
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          return Integer.parseInt(line.substring("content-length:".length()).strip());
        }
      }
      return -1;
    }
  }

  /** GETs /api/v1/runs with the server's key; reads until EOF, an error or {@code readTimeoutMs}. */
  static Exchange get(FakeTriggerServer server, int readTimeoutMs) throws IOException {
    return get(server, "/api/v1/runs", readTimeoutMs);
  }

  /** GETs {@code path} (with its query) with the server's key, like {@link #get(FakeTriggerServer, int)}. */
  static Exchange get(FakeTriggerServer server, String path, int readTimeoutMs) throws IOException {
    Exchange x = new Exchange();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
      socket.setSoTimeout(readTimeoutMs);
      String request =
          "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
              + server.secretKey() + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int headEnd = -1;
      try {
        int b;
        while ((b = in.read()) != -1) {
          bytes.write(b);
          if (headEnd < 0 && endsWithBlankLine(bytes)) {
            headEnd = bytes.size();
            x.head = bytes.toString(StandardCharsets.ISO_8859_1);
            bytes.reset();
          }
        }
        x.eof = true;
      } catch (IOException e) {
        x.failure = e;
      }
      if (headEnd >= 0) {
        x.body = bytes.toByteArray();
      }
    }
    return x;
  }

  private static boolean endsWithBlankLine(ByteArrayOutputStream bytes) {
    byte[] b = bytes.toByteArray();
    int n = b.length;
    return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
  }

  private RawHttp() {}
}
