package io.github.triggerruns.bench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.triggerruns.bench.fixture.PageRenderer;
import io.github.triggerruns.bench.fixture.PageSource;
import io.github.triggerruns.bench.fixture.RunIds;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The fixture server's paging: following next cursors visits every run once, in order, and stops. */
class PageQueryTest {
  @Test
  void followingNextCursorsVisitsEveryRunOnceAndEnds() {
    PageSource source = new PageRenderer(25, 110); // 4 full pages and a short one
    String query = "page%5Bsize%5D=25&filter%5BcreatedAt%5D%5Bfrom%5D=0";
    long expectedSeq = 0;
    int pages = 0;
    for (; pages < 10; pages++) {
      JsonObject page = parse(source.page(PageQuery.resolve(query, source)));
      for (JsonElement run : page.getAsJsonArray("data")) {
        assertThat(RunIds.seqOf(run.getAsJsonObject().get("id").getAsString())).isEqualTo(expectedSeq++);
      }
      JsonObject pagination = page.getAsJsonObject("pagination");
      assertThat(pagination.has("previous")).isEqualTo(pages > 0);
      if (!pagination.has("next")) {
        break;
      }
      query = "page[size]=25&page[after]=" + pagination.get("next").getAsString();
    }
    assertThat(pages).isEqualTo(4);
    assertThat(expectedSeq).isEqualTo(110);
  }

  @Test
  void refusesWhatAWellBehavedClientWouldNotSend() {
    PageSource source = new PageRenderer(100, 1_000);
    String next = parse(source.page(0)).getAsJsonObject("pagination").get("next").getAsString();
    assertThat(PageQuery.resolve("page%5Bsize%5D=100&page%5Bafter%5D=" + next, source)).isEqualTo(1);
    assertThatThrownBy(() -> PageQuery.resolve("page%5Bsize%5D=50", source)).hasMessageContaining("pages of 100");
    assertThatThrownBy(() -> PageQuery.resolve(null, source)).hasMessageContaining("page[size]=25");
    assertThatThrownBy(() -> PageQuery.resolve("page%5Bsize%5D=100&page%5Bafter%5D=run_x", source))
        .hasMessageContaining("not a cursor");
    assertThatThrownBy(() -> PageQuery.resolve("page%5Bsize%5D=100&page%5Bbefore%5D=" + next, source))
        .hasMessageContaining("page[before]");
  }

  @Test
  void emptyListingIsOneEmptyPage() {
    PageSource source = new PageRenderer(100, 0);
    assertThat(source.pageCount()).isEqualTo(1);
    assertThat(new String(source.page(PageQuery.resolve("page[size]=100", source)), StandardCharsets.US_ASCII))
        .isEqualTo("{\"data\":[],\"pagination\":{}}");
  }

  private static JsonObject parse(byte[] body) {
    return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
  }
}
