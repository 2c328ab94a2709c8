package io.github.triggerruns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunStatusTest {
  @Test
  void knowsTheSeventeenValuesTheServerAccepts() {
    List<String> values = new ArrayList<>();
    RunStatus.knownValues().forEach(s -> values.add(s.getValue()));
    assertThat(values).containsExactlyInAnyOrder("PENDING_VERSION", "QUEUED", "DEQUEUED", "EXECUTING",
        "WAITING", "COMPLETED", "CANCELED", "FAILED", "CRASHED", "SYSTEM_FAILURE", "DELAYED", "EXPIRED",
        "TIMED_OUT", "WAITING_FOR_DEPLOY", "REATTEMPTING", "FROZEN", "INTERRUPTED");
    assertThat(RunStatus.of("QUEUED")).isSameAs(RunStatus.QUEUED);
  }

  @Test
  void unknownValuesAreKeptNotRejected() {
    RunStatus future = RunStatus.of("QUANTUM_SUPERPOSITION");
    assertThat(future.isKnown()).isFalse();
    assertThat(future.isTerminal()).isFalse();
    assertThat(future.getValue()).isEqualTo("QUANTUM_SUPERPOSITION");
    assertThat(future).isEqualTo(RunStatus.of("QUANTUM_SUPERPOSITION"));
    assertThat(RunStatus.of("completed")).isNotEqualTo(RunStatus.COMPLETED);
  }

  @Test
  void terminalIsTheSetAPollerStopsOnNotIsCompleted() {
    List<String> terminal = new ArrayList<>();
    RunStatus.knownValues().forEach(s -> {
      if (s.isTerminal()) {
        terminal.add(s.getValue());
      }
    });
    assertThat(terminal).containsExactlyInAnyOrder("COMPLETED", "CANCELED", "FAILED", "CRASHED",
        "SYSTEM_FAILURE", "EXPIRED", "TIMED_OUT", "INTERRUPTED");
  }
}
