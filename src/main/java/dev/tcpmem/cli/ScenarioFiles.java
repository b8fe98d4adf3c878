package dev.tcpmem.cli;

import dev.tcpmem.io.InputFormatException;
import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.scenario.Scenario;
import java.nio.file.Path;

/** Reads a scenario for a command; every problem goes to stderr, the first as the "error:" line. */
final class ScenarioFiles {

    private ScenarioFiles() {
    }

    static Scenario read(Path file, SysctlCatalog catalog) {
        try {
            return new ScenarioReader(catalog).read(file);
        } catch (InputFormatException e) {
            String[] lines = e.getMessage().split("\n");
            StringBuilder msg = new StringBuilder(lines[0]);
            for (int i = 1; i < lines.length; i++) {
                msg.append("\nerror: ").append(lines[i]);
            }
            throw new UserInputException(msg.toString());
        }
    }

}
