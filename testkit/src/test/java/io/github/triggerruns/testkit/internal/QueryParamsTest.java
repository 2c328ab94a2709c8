package io.github.triggerruns.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryParamsTest {
  @Test
  void decodesLikeUrlSearchParams() {
    QueryParams q =
        QueryParams.parse("filter%5Btag%5D=org+acme&filter[status]=A%2CB&e=%E5%AE%A2&bad=%zz&flag");

    assertThat(q.get("filter[tag]")).contains("org acme");
    assertThat(q.get("filter[status]")).contains("A,B");
    assertThat(q.get("e")).contains("客");
    assertThat(q.get("bad")).contains("%zz");
    assertThat(q.get("flag")).contains("");
    assertThat(q.get("missing")).isEmpty();
  }

  @Test
  void theLastOfARepeatedKeyWins() {
    assertThat(QueryParams.parse("a=1&a=2&a=3").get("a")).contains("3");
  }

  @Test
  void readsTheQueryOfAUrl() {
    assertThat(QueryParams.ofUrl("/api/v1/runs?page%5Bsize%5D=10").get("page[size]")).contains("10");
    assertThat(QueryParams.ofUrl("/api/v1/runs").asMap()).isEmpty();
  }
}
