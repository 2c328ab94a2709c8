package io.github.triggerruns.testkit;

/**
 * A fault a realtime live request can meet, for clients' tests: see
 * {@link FakeTriggerServer#queueRealtimeFaults} and {@link FakeTriggerServer.Builder#realtimeFaultProbability}.
 */
public enum RealtimeFault {
  /** 409 with a new {@code electric-handle} and a {@code must-refetch} message: start again from a snapshot. */
  MUST_REFETCH,
  /** The connection is reset halfway through the hold, without an answer. */
  DROP_MID_HOLD,
  /** 429 {@code {"error":"Too many concurrent requests"}}, as over the environment's connection cap. */
  TOO_MANY_CONNECTIONS
}
