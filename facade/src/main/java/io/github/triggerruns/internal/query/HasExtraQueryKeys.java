package io.github.triggerruns.internal.query;

import java.util.Map;

/**
 * A parameter model carrying keys the spec does not declare yet but the server and the official SDK use
 * (for filters: batch, queue, machine, region). They are sent beside the model's own keys.
 */
public interface HasExtraQueryKeys {
  /** Extra keys (without the parameter name) and their already comma-joined values. */
  Map<String, String> extraQueryKeys();
}
