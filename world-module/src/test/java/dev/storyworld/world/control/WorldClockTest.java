package dev.storyworld.world.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorldClockTest {

    @Test
    void theContractExample() {
        assertThat(WorldClock.at(93_784.5))
                .isEqualTo(new WorldClock(0, 1, "Tuesday", 2, 3, 4, 93_784.5));
    }

    @ParameterizedTest
    @CsvSource({
            "0,          0, 0, Monday,   0,  0,  0",
            "86399.999,  0, 0, Monday,   23, 59, 59",
            "86400,      0, 1, Tuesday,  0,  0,  0",
            "604799,     0, 6, Sunday,   23, 59, 59",
            "604800,     1, 0, Monday,   0,  0,  0",
            "1299600,    2, 1, Tuesday,  1,  0,  0",
    })
    void wrapsOnlyForDisplay(double time, long week, int day, String name, int hour, int minute, int second) {
        WorldClock clock = WorldClock.at(time);
        assertThat(clock.week()).isEqualTo(week);
        assertThat(clock.dayOfWeek()).isEqualTo(day);
        assertThat(clock.dayName()).isEqualTo(name);
        assertThat(clock.hour()).isEqualTo(hour);
        assertThat(clock.minute()).isEqualTo(minute);
        assertThat(clock.second()).isEqualTo(second);
        assertThat(clock.secondsIntoWeek()).isEqualTo(time - week * WorldClock.SECONDS_PER_WEEK);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, Double.NaN, Double.POSITIVE_INFINITY})
    void refusesTimesThatCannotBeStored(double time) {
        assertThatThrownBy(() -> WorldClock.at(time)).isInstanceOf(IllegalArgumentException.class);
    }
}
