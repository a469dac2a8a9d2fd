package dev.storyworld.web.redis;

import dev.storyworld.web.redis.CircuitBreaker.Permit;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final CircuitBreaker breaker = new CircuitBreaker(now::get, 1_000, 30_000);

    @Test
    void closedEveryCallGoesThroughAndSuccessesKeepItClosed() {
        for (int i = 0; i < 3; i++) {
            Permit permit = breaker.permit();
            assertThat(permit).isEqualTo(Permit.CALL);
            breaker.succeeded(permit);
        }
    }

    @Test
    void aFailureOpensItForThePauseThenOneCallerProbesAndTheOthersFallBack() {
        assertThat(breaker.failed(breaker.permit())).isEqualTo(1_000);

        now.addAndGet(999);
        assertThat(breaker.permit()).isEqualTo(Permit.FALLBACK);
        now.addAndGet(1);
        assertThat(breaker.permit()).isEqualTo(Permit.PROBE);
        assertThat(breaker.permit()).as("while the probe is under way").isEqualTo(Permit.FALLBACK);
        now.addAndGet(60_000);
        assertThat(breaker.permit()).as("however long the probe takes").isEqualTo(Permit.FALLBACK);
    }

    @Test
    void theProbesSuccessClosesIt() {
        breaker.failed(breaker.permit());
        now.addAndGet(1_000);
        Permit probe = breaker.permit();

        breaker.succeeded(probe);

        assertThat(breaker.permit()).isEqualTo(Permit.CALL);
        assertThat(breaker.failed(Permit.CALL)).as("a new failure starts from the first pause").isEqualTo(1_000);
    }

    @Test
    void eachFailedProbeDoublesThePauseUpToTheLongest() {
        breaker.failed(breaker.permit());
        List<Long> pauses = new ArrayList<>();
        long pause = 1_000;
        for (int i = 0; i < 7; i++) {
            now.addAndGet(pause - 1);
            assertThat(breaker.permit()).isEqualTo(Permit.FALLBACK);
            now.addAndGet(1);
            Permit probe = breaker.permit();
            assertThat(probe).isEqualTo(Permit.PROBE);
            pause = breaker.failed(probe);
            pauses.add(pause);
        }
        assertThat(pauses).containsExactly(2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L);
    }

    @Test
    void failuresOfCallsUnderWayWhenItOpenedDoNotLengthenThePause() {
        Permit first = breaker.permit();
        Permit second = breaker.permit();
        Permit third = breaker.permit();

        assertThat(breaker.failed(first)).isEqualTo(1_000);
        now.addAndGet(500);
        assertThat(breaker.failed(second)).isEqualTo(1_000);
        breaker.succeeded(third);

        now.addAndGet(499);
        assertThat(breaker.permit()).as("the pause from the first failure still holds").isEqualTo(Permit.FALLBACK);
        now.addAndGet(1);
        assertThat(breaker.permit()).isEqualTo(Permit.PROBE);
    }

    @Test
    void manyCallersAtThePausesEndMakeExactlyOneProbe() throws Exception {
        int callers = 32;
        // A caller reads the clock between its look at the state and its claim of the probe: holding
        // every caller there until all have looked makes the race certain in every round.
        AtomicReference<CyclicBarrier> allLooked = new AtomicReference<>();
        CircuitBreaker racy = new CircuitBreaker(() -> {
            CyclicBarrier barrier = allLooked.get();
            if (barrier != null) {
                try {
                    barrier.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return now.get();
        }, 1_000, 30_000);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            for (int round = 0; round < 20; round++) {
                racy.failed(racy.permit());
                now.addAndGet(60_000);
                allLooked.set(new CyclicBarrier(callers));
                List<Future<Permit>> permits = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    permits.add(pool.submit(racy::permit));
                }
                List<Permit> granted = new ArrayList<>();
                for (Future<Permit> permit : permits) {
                    granted.add(permit.get());
                }
                allLooked.set(null);

                assertThat(granted).as("round " + round).containsOnlyOnce(Permit.PROBE)
                        .containsOnly(Permit.PROBE, Permit.FALLBACK);
                racy.succeeded(Permit.PROBE);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
