package dev.tcpmem.model.scenario;

import java.util.List;

/** What happens over time: the simulation runs durationSeconds at stepMillis, applying the events in order. */
public record Timeline(double durationSeconds, double stepMillis, List<TimelineEvent> events) {

    public static final double DEFAULT_DURATION_SECONDS = 300;
    public static final double DEFAULT_STEP_MILLIS = 100;

    public Timeline {
        events = List.copyOf(events);
    }

    public static Timeline steadyState() {
        return new Timeline(DEFAULT_DURATION_SECONDS, DEFAULT_STEP_MILLIS, List.of());
    }
}
