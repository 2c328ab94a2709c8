package io.github.triggerruns.bench.e2e;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import io.github.triggerruns.bench.json.Decoders;
import io.github.triggerruns.generated.model.ListRunItem;
import io.github.triggerruns.generated.model.ListRunsResult;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The floor any Java client of this API can reach with these libraries: a hand-written loop of OkHttp
 * requests, each body streamed from the socket through one Gson {@link JsonReader} into the generated
 * {@link ListRunsResult}, with a fast timestamp adapter. No retries, no typed errors, no extra fields kept,
 * the same query as the facade (all-time filter, page size, cursor).
 */
public final class RawLoopClient implements PagingClient {
  /** A listing longer than this is a server bug, not a benchmark. */
  private static final int MAX_PAGES = 100_000;

  private final OkHttpClient http = new OkHttpClient();
  private final HttpUrl runsUrl;
  private final TypeAdapter<ListRunsResult> decoder = Decoders.fastDates().getAdapter(ListRunsResult.class);

  public RawLoopClient(String baseUrl) {
    this.runsUrl = HttpUrl.get(baseUrl).resolve("api/v1/runs");
  }

  @Override
  public String name() {
    return "raw loop";
  }

  @Override
  public void drain(int pageSize, RunSink sink) throws IOException {
    String after = null;
    for (int pages = 0; pages < MAX_PAGES; pages++) {
      HttpUrl.Builder url = runsUrl.newBuilder()
          .addQueryParameter("filter[createdAt][from]", "1")
          .addQueryParameter("page[size]", Integer.toString(pageSize));
      if (after != null) {
        url.addQueryParameter("page[after]", after);
      }
      Request request = new Request.Builder().url(url.build()).header("Authorization", "Bearer tr_dev_bench").build();
      ListRunsResult page;
      try (Response response = http.newCall(request).execute()) {
        ResponseBody body = response.body();
        if (!response.isSuccessful() || body == null) {
          throw new IOException("HTTP " + response.code() + ": " + (body == null ? "" : body.string()));
        }
        try (JsonReader reader = new JsonReader(body.charStream())) {
          page = decoder.read(reader);
        }
      }
      for (ListRunItem item : page.getData()) {
        sink.accept(item.getId());
      }
      after = page.getPagination() == null ? null : page.getPagination().getNext();
      if (after == null) {
        return;
      }
    }
    throw new IllegalStateException("The listing did not end within " + MAX_PAGES + " pages");
  }
}
