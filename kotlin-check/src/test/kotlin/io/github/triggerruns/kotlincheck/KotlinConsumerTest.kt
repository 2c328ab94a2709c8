package io.github.triggerruns.kotlincheck

import io.github.triggerruns.BadRequestException
import io.github.triggerruns.InvalidRequestException
import io.github.triggerruns.PageRequest
import io.github.triggerruns.PublicTokenOptions
import io.github.triggerruns.RealtimeRun
import io.github.triggerruns.Run
import io.github.triggerruns.RunFilter
import io.github.triggerruns.RunStatus
import io.github.triggerruns.SubscribeOptions
import io.github.triggerruns.TriggerApiException
import io.github.triggerruns.TriggerRuns
import io.github.triggerruns.testkit.FakeTriggerServerExtension
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.reactive.asFlow
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.rx3.asFlow
import kotlinx.coroutines.rx3.await
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.extension.RegisterExtension
import java.time.Instant

/**
 * The public API as Kotlin code meets it: builders, filters, pages, `iterate`, `flow` as a Kotlin `Flow`,
 * `listAsync` awaited in a coroutine, typed errors; against the testkit.
 *
 * Nullness: the facade is `@NullMarked` with `@Nullable` where a value may be absent, compiled here with
 * `-Xjspecify-annotations=strict`. Kotlin then sees `Run.id` as `String` and `Run.version` as `String?`:
 * `val v: String = run.version` does not compile. The overloads of [kind] make that visible at run time:
 * a getter that reached Kotlin as a platform type (`String!`) would pick the non-null overload.
 */
class KotlinConsumerTest {
    companion object {
        @JvmField
        @RegisterExtension
        val trigger: FakeTriggerServerExtension = FakeTriggerServerExtension.withRuns(120)

        private val window: RunFilter = RunFilter.builder().period("31d").build()
    }

    private val client: TriggerRuns = TriggerRuns.builder()
        .baseUrl(trigger.baseUrl())
        .secretKey(trigger.secretKey())
        .build()

    @Test
    fun pagesIterationAndFlowSeeTheSameRuns(): Unit = runBlocking {
        val page = client.runs().list(window, PageRequest.ofSize(50))
        assertThat(page.data).hasSize(50)
        assertThat(page.hasNextPage()).isTrue()
        val second = page.nextPage()
        assertThat(second.data.first().createdAt).isBeforeOrEqualTo(page.data.last().createdAt)

        val iterated: List<String> = client.runs().iterate(window, PageRequest.ofSize(40)).map { it.id }
        val flowed: List<String> = client.runs().flow(window, PageRequest.ofSize(40)).asFlow().map { it.id }.toList()
        val awaited: List<Run> = client.runs().listAsync(window, PageRequest.ofSize(10)).await().data

        assertThat(iterated).hasSize(trigger.server().runs().size)
        assertThat(flowed).isEqualTo(iterated)
        assertThat(awaited.map { it.id }).isEqualTo(iterated.take(10))
    }

    @Test
    fun filtersReadNaturallyAndGettersHaveKotlinTypes() {
        val failed = RunFilter.builder()
            .statuses(RunStatus.COMPLETED, RunStatus.FAILED)
            .period("31d")
            .build()
        val runs = client.runs().iterate(failed).toList()
        assertThat(runs).isNotEmpty()
        assertThat(runs.map { it.status }.toSet()).isSubsetOf(RunStatus.COMPLETED, RunStatus.FAILED)

        for (run in runs) {
            val id: String = run.id
            val created: Instant = run.createdAt
            val tags: List<String> = run.tags
            val finished: Instant? = run.finishedAt
            assertThat(id).startsWith("run_")
            assertThat(created).isBeforeOrEqualTo(Instant.now())
            assertThat(tags).doesNotContainNull()
            assertThat(finished).isNotNull() // both statuses are terminal
        }
        val run = runs.first()
        assertThat(kind(run.version)).isEqualTo("nullable")
        assertThat(kind(run.environment.user)).isEqualTo("nullable")
        assertThat(kind(run.taskIdentifier)).isEqualTo("non-null")
        assertThat(kind(run.status.value)).isEqualTo("non-null")
    }

    @Test
    fun errorsAreTypedInCoroutinesToo(): Unit = runBlocking {
        val unknownStatus = RunFilter.builder().statuses(RunStatus.of("NOT_A_STATUS")).build()
        val e = try {
            client.runs().listAsync(unknownStatus, PageRequest.ofSize(10)).await()
            null
        } catch (e: TriggerApiException) {
            e
        }
        assertThat(e).isInstanceOf(BadRequestException::class.java)
        val details = (e as BadRequestException).details
        assertThat(details.map { it.path }).containsExactly(listOf("filter[status]"))
        assertThat(details.single().message).contains("NOT_A_STATUS")

        val invalid = assertThrows<InvalidRequestException> { PageRequest.ofSize(0) }
        assertThat(invalid.message).contains("1 to 100")
    }

    @Test
    fun anAppMintsAndSubscribesWithATokenProviderLambda(): Unit = runBlocking {
        val runId = trigger.server().runs().first().id()
        val options = PublicTokenOptions.builder().readRuns(runId).build()
        val token: String = client.auth().createPublicTokenAsync(options).await()
        var fetched = 0
        val app = TriggerRuns.builder()
            .baseUrl(trigger.baseUrl())
            .publicAccessToken { fetched++; token }
            .build()

        val first: RealtimeRun = app.runs()
            .subscribeToRun(runId, SubscribeOptions.builder().stopWhenFinished(false).build())
            .asFlow().first()

        assertThat(first.id).isEqualTo(runId)
        assertThat(fetched).isEqualTo(1)
    }

    @Test
    fun theTestkitsNullnessReachesKotlinToo() {
        val fake = trigger.server().runs().first { it.version() == null }
        val version: String? = fake.version()
        assertThat(version).isNull()
        assertThat(kind(fake.version())).isEqualTo("nullable")
        assertThat(kind(fake.idempotencyKey())).isEqualTo("nullable")
        assertThat(kind(fake.id())).isEqualTo("non-null")
        assertThat(kind(fake.status())).isEqualTo("non-null")
    }

    private fun kind(value: String): String = "non-null"

    @JvmName("kindOfNullable")
    private fun kind(value: String?): String = "nullable"
}
