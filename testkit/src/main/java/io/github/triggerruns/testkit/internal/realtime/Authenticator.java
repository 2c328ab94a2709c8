package io.github.triggerruns.testkit.internal.realtime;

import io.github.triggerruns.testkit.internal.Answer;

/** Turns a request's Authorization header into what it may read, or the answer refusing it. */
@FunctionalInterface
public interface Authenticator {
  /** The outcome of authenticating one request: access, or the 401 to send. */
  final class Outcome {
    private final Access access;
    private final Answer refusal;

    private Outcome(Access access, Answer refusal) {
      this.access = access;
      this.refusal = refusal;
    }

    /** The access granted, or null when refused. */
    public Access access() {
      return access;
    }

    /** The answer refusing the request, or null when granted. */
    public Answer refusal() {
      return refusal;
    }

    /** Authenticated. */
    public static Outcome granted(Access access) {
      return new Outcome(access, null);
    }

    /** Refused with {@code answer}. */
    public static Outcome refused(Answer answer) {
      return new Outcome(null, answer);
    }
  }

  /** Authenticates a request whose Authorization header is {@code authorization} (null when absent). */
  Outcome authenticate(String authorization);
}
