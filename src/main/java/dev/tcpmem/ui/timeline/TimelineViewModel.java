package dev.tcpmem.ui.timeline;

import dev.tcpmem.io.Quantities;
import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.model.scenario.Pod;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.ScenarioEdits;
import dev.tcpmem.model.scenario.Timeline;
import dev.tcpmem.model.scenario.TimelineEvent;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WorkloadChange;
import dev.tcpmem.model.scenario.WriterBehaviour;
import dev.tcpmem.ui.ScenarioDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The scenario's timeline as the window edits it: its length and step, and its events (stall a reader, change a
 * rate, ramp connections, let connections wait for accept()), each added or removed as one undoable edit.
 */
public final class TimelineViewModel {

    /** What an event can set, as the scenario format names it. */
    public static final List<String> FIELDS = List.of("reader", "peerReader", "writer", "connections", "unaccepted",
            "closed", "inRate", "outRate");

    /** One event as the table shows it. */
    public record EventRow(int index, String at, String target, String change, String forSeconds) {
    }

    private final ScenarioDocument document;
    private final ObservableList<EventRow> events = FXCollections.observableArrayList();
    private final ObservableList<String> targets = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper duration = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper("");

    public TimelineViewModel(ScenarioDocument document) {
        this.document = document;
        document.scenarioProperty().addListener((o, a, b) -> refresh(b));
        refresh(document.scenario());
    }

    public ObservableList<EventRow> events() {
        return events;
    }

    /** Every workload as "pod/workload", the targets an event can name. */
    public ObservableList<String> targets() {
        return targets;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty durationProperty() {
        return duration.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    private void refresh(Scenario s) {
        List<EventRow> rows = new ArrayList<>();
        List<TimelineEvent> es = s.timeline().events();
        for (int i = 0; i < es.size(); i++) {
            TimelineEvent e = es.get(i);
            rows.add(new EventRow(i, seconds(e.atSeconds()), e.pod() + "/" + e.workload(), describe(e.set()),
                    e.forSeconds().map(TimelineViewModel::seconds).orElse("for good")));
        }
        if (!rows.equals(events)) {
            events.setAll(rows);
        }
        List<String> ts = new ArrayList<>();
        for (Pod p : s.pods()) {
            for (Workload w : p.workloads()) {
                ts.add(p.name() + "/" + w.name());
            }
        }
        if (!ts.equals(targets)) {
            targets.setAll(ts);
        }
        duration.set(seconds(s.timeline().durationSeconds()));
        step.set(seconds(s.timeline().stepMillis()));
    }

    /**
     * Adds an event: at {@code at} seconds, set {@code field} of the workload {@code target} ("pod/workload") to
     * {@code value}, for {@code forSeconds} seconds (blank: for good). Returns false with a message naming what is
     * wrong and nothing changes.
     */
    public boolean addEvent(String at, String target, String field, String value, String forSeconds) {
        Scenario s = document.scenario();
        Optional<Double> when = number(at, "Time", 0, s.timeline().durationSeconds());
        if (when.isEmpty()) {
            return false;
        }
        Optional<Double> lasting = Optional.empty();
        if (forSeconds != null && !forSeconds.isBlank()) {
            lasting = number(forSeconds, "Duration", 0, 86_400);
            if (lasting.isEmpty()) {
                return false;
            }
        }
        int slash = target == null ? -1 : target.indexOf('/');
        if (slash <= 0 || s.pod(target.substring(0, slash)).flatMap(p -> p.workload(target.substring(slash + 1))).isEmpty()) {
            message.set("Choose the workload the event changes");
            return false;
        }
        Optional<WorkloadChange> change = change(field, value);
        if (change.isEmpty()) {
            return false;
        }
        List<TimelineEvent> es = new ArrayList<>(s.timeline().events());
        es.add(new TimelineEvent(when.get(), target.substring(0, slash), target.substring(slash + 1), change.get(), lasting));
        // keep the list in time order, as a reader of the file expects (equal times keep their order)
        es.sort(java.util.Comparator.comparingDouble(TimelineEvent::atSeconds));
        apply("Add event at " + seconds(when.get()) + " s", new Timeline(s.timeline().durationSeconds(),
                s.timeline().stepMillis(), es));
        message.set("");
        return true;
    }

    public void removeEvent(int index) {
        Timeline t = document.scenario().timeline();
        if (index < 0 || index >= t.events().size()) {
            return;
        }
        List<TimelineEvent> es = new ArrayList<>(t.events());
        TimelineEvent gone = es.remove(index);
        apply("Remove event at " + seconds(gone.atSeconds()) + " s",
                new Timeline(t.durationSeconds(), t.stepMillis(), es));
    }

    /** Sets the timeline's length (seconds) and step (milliseconds), with the reader's limits. */
    public boolean setLength(String durationSeconds, String stepMillis) {
        Optional<Double> d = number(durationSeconds, "Duration", 0.001, 7 * 86_400);
        Optional<Double> st = d.isEmpty() ? Optional.empty() : number(stepMillis, "Step", 1, 3_600_000);
        if (d.isEmpty() || st.isEmpty()) {
            return false;
        }
        if (d.get() * 1000 / st.get() > ScenarioReader.MAX_TIMELINE_STEPS) {
            message.set(String.format(Locale.ROOT, "%s s at %s ms is more than %,d steps: use a longer step",
                    seconds(d.get()), seconds(st.get()), ScenarioReader.MAX_TIMELINE_STEPS));
            return false;
        }
        Timeline t = document.scenario().timeline();
        apply("Timeline length", new Timeline(d.get(), st.get(), t.events()));
        message.set("");
        return true;
    }

    private void apply(String label, Timeline t) {
        document.apply(label, s -> ScenarioEdits.withTimeline(s, t));
    }

    private Optional<WorkloadChange> change(String field, String value) {
        String v = value == null ? "" : value.strip();
        Optional<Long> connections = Optional.empty();
        Optional<Long> unaccepted = Optional.empty();
        Optional<Long> closed = Optional.empty();
        Optional<dev.tcpmem.model.scenario.Rate> in = Optional.empty();
        Optional<dev.tcpmem.model.scenario.Rate> out = Optional.empty();
        Optional<ReaderBehaviour> reader = Optional.empty();
        Optional<ReaderBehaviour> peerReader = Optional.empty();
        Optional<WriterBehaviour> writer = Optional.empty();
        try {
            switch (field == null ? "" : field) {
                case "reader" -> reader = Optional.of(Quantities.parseReader(v));
                case "peerReader" -> peerReader = Optional.of(Quantities.parseReader(v));
                case "writer" -> writer = Optional.of(writer(v));
                case "connections" -> connections = Optional.of(Quantities.parseCount(v, ScenarioReader.MAX_CONNECTIONS));
                case "unaccepted" -> unaccepted = Optional.of(Quantities.parseCount(v, ScenarioReader.MAX_CONNECTIONS));
                case "closed" -> closed = Optional.of(Quantities.parseCount(v, ScenarioReader.MAX_CONNECTIONS));
                case "inRate" -> in = Optional.of(Quantities.parseRate(v));
                case "outRate" -> out = Optional.of(Quantities.parseRate(v));
                default -> throw new IllegalArgumentException("choose what the event sets: " + String.join(", ", FIELDS));
            }
        } catch (IllegalArgumentException e) {
            message.set(field + ": " + e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new WorkloadChange(connections, in, out, reader, writer, peerReader, unaccepted, closed));
    }

    private static WriterBehaviour writer(String v) {
        try {
            return WriterBehaviour.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + v + "\" is not a writer behaviour: expected idle, rate or bulk");
        }
    }

    private Optional<Double> number(String text, String what, double min, double max) {
        try {
            double d = Double.parseDouble(text == null ? "" : text.strip());
            if (!(d >= min && d <= max)) {
                message.set(String.format(Locale.ROOT, "%s must be from %s to %s", what, seconds(min), seconds(max)));
                return Optional.empty();
            }
            return Optional.of(d);
        } catch (NumberFormatException e) {
            message.set(what + ": \"" + (text == null ? "" : text.strip()) + "\" is not a number");
            return Optional.empty();
        }
    }

    /** What a change sets, in the scenario format's words. */
    static String describe(WorkloadChange c) {
        List<String> parts = new ArrayList<>();
        c.reader().ifPresent(r -> parts.add("reader " + Quantities.formatReader(r)));
        c.peerReader().ifPresent(r -> parts.add("peerReader " + Quantities.formatReader(r)));
        c.writer().ifPresent(w -> parts.add("writer " + w.name().toLowerCase(Locale.ROOT)));
        c.connections().ifPresent(n -> parts.add(String.format(Locale.ROOT, "connections %,d", n)));
        c.unaccepted().ifPresent(n -> parts.add(String.format(Locale.ROOT, "unaccepted %,d", n)));
        c.closed().ifPresent(n -> parts.add(String.format(Locale.ROOT, "closed %,d", n)));
        c.inRate().ifPresent(r -> parts.add("inRate " + Quantities.formatRate(r)));
        c.outRate().ifPresent(r -> parts.add("outRate " + Quantities.formatRate(r)));
        return String.join(", ", parts);
    }

    static String seconds(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
