package dev.tcpmem;

import dev.tcpmem.cli.TcpmemCommand;

/**
 * Entry point of the jar and of the packaged launcher: no arguments, or a scenario file alone, opens the window;
 * anything else is a headless command that never starts JavaFX.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (opensWindow(args)) {
            dev.tcpmem.ui.DesktopApp.launchWith(args);
            return;
        }
        System.exit(TcpmemCommand.run(args));
    }

    static boolean opensWindow(String[] args) {
        if (args.length == 0) {
            return true;
        }
        return args.length == 1 && !TcpmemCommand.COMMANDS.contains(args[0]) && !args[0].startsWith("-");
    }
}
