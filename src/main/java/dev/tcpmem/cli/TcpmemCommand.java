package dev.tcpmem.cli;

import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless commands of CONTRACT.md, with its exit codes: 0 ok, 1 --fail-on reached, 2 bad input, 3 internal. */
@Command(name = "tcpmem-explorer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "What-if explorer for Linux TCP socket memory on Kubernetes nodes. "
                + "Without a command (or with a scenario file alone) it opens the window.",
        subcommands = {EvaluateCommand.class, SysctlsCommand.class, ExportCommand.class, ImportCommand.class,
                TuningCommand.class, ReportCommand.class, FidelityCommand.class, CommandLine.HelpCommand.class})
public final class TcpmemCommand implements Runnable {

    public static final Set<String> COMMANDS = Set.of("sysctls", "evaluate", "export", "import", "tuning", "report", "fidelity", "help");

    public static final int OK = 0;
    public static final int STATE_REACHED = 1;
    public static final int BAD_INPUT = 2;
    public static final int INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new TcpmemCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage() + " (see: tcpmem-explorer " + commandName(ex) + "--help)");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parse) -> {
            if (ex instanceof UserInputException u) {
                err.println("error: " + u.getMessage());
                return BAD_INPUT;
            }
            err.println("error: internal error: " + ex + " — please report it with the input that caused it");
            return INTERNAL;
        });
        return cl.execute(args);
    }

    private static String commandName(CommandLine.ParameterException ex) {
        String name = ex.getCommandLine().getCommandName();
        return ex.getCommandLine().getParent() == null ? "" : name + " ";
    }
}
