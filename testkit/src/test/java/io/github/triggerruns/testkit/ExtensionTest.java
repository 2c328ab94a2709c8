package io.github.triggerruns.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExtensionTest {
  @RegisterExtension
  static FakeTriggerServerExtension trigger = FakeTriggerServerExtension.withRuns(50);

  @Test
  void theServerRunsForTheWholeClass() {
    assertThat(trigger.server().isRunning()).isTrue();
    assertThat(trigger.baseUrl()).startsWith("http://127.0.0.1:").doesNotEndWith("/");
    assertThat(trigger.secretKey()).isEqualTo("tr_dev_testkit");
    assertThat(trigger.server().runs()).hasSize(50);
    assertThat(Http.to(trigger.server()).get("").status).isEqualTo(200);
  }

  static Integer firstPortSeenByANestedClass;

  private static void sameServerAsEveryNestedClass() {
    assertThat(trigger.server().isRunning()).isTrue();
    if (firstPortSeenByANestedClass == null) {
      firstPortSeenByANestedClass = trigger.server().port();
    }
    assertThat(trigger.server().port()).isEqualTo(firstPortSeenByANestedClass);
  }

  @Nested
  class FirstNested {
    @Test
    void usesTheOuterServer() {
      sameServerAsEveryNestedClass();
    }
  }

  @Nested
  class SecondNested {
    @Test
    void stillUsesTheOuterServer() {
      sameServerAsEveryNestedClass();
    }
  }

  @Nested
  class WithABuilder {
    @RegisterExtension
    FakeTriggerServerExtension custom =
        FakeTriggerServerExtension.of(
            FakeTriggerServer.builder().runs(3).secretKey("tr_prod_custom").seed(7));

    @Test
    void anInstanceFieldServerRunsAroundEachTest() {
      assertThat(custom.server().isRunning()).isTrue();
      assertThat(custom.secretKey()).isEqualTo("tr_prod_custom");
      Http.Resp r = Http.to(custom.server()).get("filter%5BcreatedAt%5D%5Bfrom%5D=1");
      assertThat(r.items()).hasSize(3);
      assertThat(r.items().get(0).getAsJsonObject("env").get("name").getAsString()).isEqualTo("prod");
    }
  }
}
