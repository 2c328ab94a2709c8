package io.github.triggerruns.testkit.internal.realtime;

import io.github.triggerruns.testkit.internal.Answer;
import java.util.List;

/** Turns a request's Authorization header into what it may read, or the answer refusing it. */
@FunctionalInterface
public interface Authenticator {
  /** The outcome of authenticating one request: access, or the 401 to send. */
  final class Outcome {
    private final Access access;
    private final String actor;
    private final List<String> skipColumns;
    private final Answer refusal;

    private Outcome(Access access, String actor, List<String> skipColumns, Answer refusal) {
      this.access = access;
      this.actor = actor;
      this.skipColumns = skipColumns;
      this.refusal = refusal;
    }

    /** The access granted, or null when refused. */
    public Access access() {
      return access;
    }

    /** The acting user a delegated token names ({@code act.sub}), or null. */
    public String actor() {
      return actor;
    }

    /**
     * The token's {@code realtime.skipColumns} claim, or null: realtime feeds skip these columns instead of
     * the request's {@code skipColumns} ({@code requestOptions?.skipColumns ?? url...} in the native client).
     */
    public List<String> skipColumns() {
      return skipColumns;
    }

    /** The answer refusing the request, or null when granted. */
    public Answer refusal() {
      return refusal;
    }

    /** Authenticated. */
    public static Outcome granted(Access access) {
      return granted(access, null);
    }

    /** Authenticated as a token delegated to {@code actor} (null: none). */
    public static Outcome granted(Access access, String actor) {
      return granted(access, actor, null);
    }

    /** Authenticated as a token with a realtime {@code skipColumns} claim (null: none). */
    public static Outcome granted(Access access, String actor, List<String> skipColumns) {
      return new Outcome(access, actor, skipColumns, null);
    }

    /** Refused with {@code answer}. */
    public static Outcome refused(Answer answer) {
      return new Outcome(null, null, null, answer);
    }
  }

  /** Authenticates a request whose Authorization header is {@code authorization} (null when absent). */
  Outcome authenticate(String authorization);
}
