/**
 * A fake Trigger.dev runs server for tests and as a sandbox: {@link io.github.triggerruns.testkit.FakeTriggerServer},
 * its JUnit 5 extension, the runs it serves and the faults it injects. Types are non-null unless marked
 * {@code @Nullable} (JSpecify), which Kotlin reads as {@code T} and {@code T?}.
 */
@NullMarked
package io.github.triggerruns.testkit;

import org.jspecify.annotations.NullMarked;
