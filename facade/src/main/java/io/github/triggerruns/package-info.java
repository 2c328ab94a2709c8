/**
 * The Trigger.dev runs client. Start at {@link io.github.triggerruns.TriggerRuns}.
 *
 * <p>Values are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.github.triggerruns;

import org.jspecify.annotations.NullMarked;
