package io.github.triggerruns.testkit;

/**
 * Which of the webapp's realtime backends the fake's realtime feeds imitate on the wire: see
 * {@link FakeTriggerServer.Builder#realtimeBackend}. The webapp picks one per environment
 * ({@code resolveRealtimeStreamClient.server.ts}); Electric is its default.
 */
public enum RealtimeBackend {
  /**
   * The webapp's own backend ({@code nativeRealtimeClient.server.ts}): full rows in every change, a snapshot in
   * one answer, {@code <updatedAtMs>_<seq>} offsets, ISO timestamps without the zone.
   */
  NATIVE,
  /**
   * The Electric sync service behind the webapp's proxy ({@code realtimeClient.server.ts}): updates carry only the
   * changed columns and the key, snapshots come in chunks with {@code up-to-date} only on the last,
   * {@code <lsn>_<op>} offsets, Postgres text values, the {@code electric-up-to-date} header.
   */
  ELECTRIC
}
