package movescope.cli;

import movescope.cli.live.KevyConfigCommand;
import movescope.cli.live.LiveCommand;
import movescope.cli.live.ServeCommand;
import picocli.CommandLine;

/** Registers live mode's commands (docs/live.md) on the top-level command: one line in {@link Main}. */
final class LiveCommands {
    private LiveCommands() {
    }

    static void register(CommandLine cli, Console console) {
        cli.addSubcommand("serve", new ServeCommand(console));
        cli.addSubcommand("live", new LiveCommand(console));
        cli.addSubcommand("kevy-config", new KevyConfigCommand(console));
    }
}
