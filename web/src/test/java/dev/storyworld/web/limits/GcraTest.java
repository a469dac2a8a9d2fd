package dev.storyworld.web.limits;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GcraTest {

    private static final long MINUTE = 60_000_000L;
    private final Gcra sixtyPerMinute = new Gcra(60, MINUTE);

    @Test
    void aFullBucketLetsTheWholeLimitThroughAtOnceThenRefuses() {
        long now = 1_000_000_000L;
        long tat = 0;
        for (int i = 1; i <= 60; i++) {
            Gcra.Outcome outcome = sixtyPerMinute.decide(tat, now);
            assertThat(outcome.allowed()).as("request %d", i).isTrue();
            assertThat(sixtyPerMinute.remaining(outcome)).isEqualTo(60 - i);
            tat = outcome.tat();
        }
        Gcra.Outcome refused = sixtyPerMinute.decide(tat, now);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.tat()).isEqualTo(tat);
        assertThat(refused.retryAfter()).isEqualTo(1_000_000L);
        assertThat(sixtyPerMinute.remaining(refused)).isZero();
    }

    @Test
    void theBucketRefillsOneRequestPerInterval() {
        long now = 5_000_000_000L;
        long tat = now + MINUTE;
        assertThat(sixtyPerMinute.decide(tat, now).allowed()).isFalse();
        assertThat(sixtyPerMinute.decide(tat, now + 999_999).allowed()).isFalse();
        Gcra.Outcome later = sixtyPerMinute.decide(tat, now + 1_000_000);
        assertThat(later.allowed()).isTrue();
        assertThat(sixtyPerMinute.remaining(later)).isZero();
    }

    @Test
    void aLimitBeyondOnePerMicrosecondStillDecides() {
        Gcra huge = new Gcra(1_000_000_000, MINUTE);
        Gcra.Outcome outcome = huge.decide(0, 7_000_000L);
        assertThat(outcome.allowed()).isTrue();
        assertThat(huge.remaining(outcome)).isEqualTo(999_999_999L);
    }

    @Test
    void anIdleCallerStartsWithAFullBucket() {
        Gcra.Outcome first = sixtyPerMinute.decide(42, 9_000_000_000L);
        assertThat(first.allowed()).isTrue();
        assertThat(sixtyPerMinute.remaining(first)).isEqualTo(59);
        assertThat(first.untilFull()).isEqualTo(1_000_000L);
    }
}
