package dev.tcpmem.io.importers;

import dev.tcpmem.model.scenario.Scenario;
import java.util.List;

/** A scenario built from what a real node printed, with notes on what was inferred, assumed or left out. */
public record ImportResult(Scenario scenario, List<String> notes) {

    public ImportResult {
        notes = List.copyOf(notes);
    }
}
