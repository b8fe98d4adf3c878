package dev.tcpmem.cli;

import dev.tcpmem.io.AtomicFiles;
import dev.tcpmem.io.InputFormatException;
import dev.tcpmem.io.Quantities;
import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.io.ScenarioWriter;
import dev.tcpmem.io.importers.ImportException;
import dev.tcpmem.io.importers.ImportInput;
import dev.tcpmem.io.importers.ImportResult;
import dev.tcpmem.io.importers.PodManifestImporter;
import dev.tcpmem.io.importers.SockstatImporter;
import dev.tcpmem.io.importers.SsImporter;
import dev.tcpmem.io.importers.SysctlDumpImporter;
import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code import KIND INPUT [--out FILE]}: builds a scenario (or the part it can) from what a real node printed. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Build a scenario from a real node's output: sysctl (sysctl -a), sockstat (/proc/net/sockstat), "
                + "ss (ss -tmi) or pod (Pod/Deployment/StatefulSet/DaemonSet manifest, YAML or JSON). "
                + "Notes on what was inferred go to stderr.")
public final class ImportCommand implements Callable<Integer> {

    enum Kind { sysctl, sockstat, ss, pod }

    @Parameters(index = "0", paramLabel = "KIND", description = "sysctl, sockstat, ss or pod")
    Kind kind;

    @Parameters(index = "1", paramLabel = "INPUT", description = "the file to read (- for standard input)")
    String input;

    @Option(names = "--out", paramLabel = "FILE", description = "write the scenario here (atomically) instead of stdout")
    Path out;

    @Option(names = "--into", paramLabel = "SCENARIO", description = "add to this scenario instead of an empty node")
    Path into;

    @Option(names = "--pod", paramLabel = "NAME", description = "sysctl: the dump was taken in this pod's netns; ss: the pod the connections belong to")
    String pod;

    @Option(names = "--memory", paramLabel = "SIZE", description = "sysctl: the node's memory (else worked back from tcp_mem)")
    String memory;

    @Option(names = "--kubernetes", paramLabel = "1.N", defaultValue = "1.32",
            description = "pod: Kubernetes version for the safe/unsafe verdict (default: ${DEFAULT-VALUE})")
    String kubernetes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SysctlCatalog catalog = SysctlCatalog.bundled();
        String text = readInput();
        String source = input.equals("-") ? "stdin" : Path.of(input).getFileName().toString();
        Optional<Scenario> base = Optional.empty();
        if (into != null) {
            try {
                base = Optional.of(new ScenarioReader(catalog).read(into));
            } catch (InputFormatException e) {
                throw new UserInputException(e.getMessage().lines().findFirst().orElse(e.getMessage())
                        + (e.problems().size() > 1 ? " (and " + (e.problems().size() - 1) + " more problems)" : ""));
            }
        }
        ImportResult result;
        try {
            result = switch (kind) {
                case sysctl -> new SysctlDumpImporter(catalog).read(text, source, Optional.ofNullable(pod), memoryOption());
                case sockstat -> new SockstatImporter().read(text, source, base);
                case ss -> new SsImporter().read(text, source, pod == null ? "imported" : pod, base);
                case pod -> new PodManifestImporter(catalog).read(text, source, base, kubernetesMinor());
            };
        } catch (ImportException e) {
            throw new UserInputException(e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        for (String n : result.notes()) {
            err.println("note: " + n);
        }
        err.flush();
        String json = ScenarioWriter.toJson(result.scenario());
        // the result must be a scenario the reader (and so `evaluate`) accepts
        try {
            new ScenarioReader(catalog).read(json, "imported scenario");
        } catch (InputFormatException e) {
            throw new UserInputException("the imported scenario is not valid: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (out != null) {
            AtomicFiles.write(out, json.getBytes(StandardCharsets.UTF_8));
        } else {
            spec.commandLine().getOut().print(json);
            spec.commandLine().getOut().flush();
        }
        return TcpmemCommand.OK;
    }

    private String readInput() {
        try {
            return input.equals("-") ? ImportInput.read(System.in, "stdin") : ImportInput.read(Path.of(input));
        } catch (ImportException e) {
            throw new UserInputException(e.getMessage());
        } catch (IOException e) {
            throw new UserInputException("stdin: cannot read: " + e.getMessage());
        }
    }

    private Optional<Bytes> memoryOption() {
        if (memory == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Quantities.parseBytes(memory));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--memory " + memory + ": " + e.getMessage());
        }
    }

    private int kubernetesMinor() {
        return KubernetesVersions.minor(kubernetes);
    }
}
