package io.github.triggerruns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvWriterTest {
  @Test
  void quotesOnlyWhatRfc4180Requires() {
    assertThat(CsvWriter.quote("plain text")).isEqualTo("plain text");
    assertThat(CsvWriter.quote(null)).isEmpty();
    assertThat(CsvWriter.quote("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvWriter.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvWriter.quote("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(CsvWriter.quote("cr\rhere")).isEqualTo("\"cr\rhere\"");
    assertThat(CsvWriter.quote("客户_7")).isEqualTo("客户_7");
  }
}
