package movescope.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code movescope} command. It only wires subcommands and maps outcomes to {@link ExitCode}s: usage
 * mistakes print picocli's message and usage and exit 2 without a stack trace; anything thrown out of a
 * subcommand is movescope's own fault and exits 3 with the stack trace, the one place one is printed.
 */
@Command(name = "movescope", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        description = "Model, TLA+ specs and deterministic simulator for kevy's MOVE-SCOPE.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:pass",
            "1:violation, failed expectation or golden mismatch",
            "2:bad input or usage (nothing is written)",
            "3:internal error (stack trace on stderr)"})
public final class Main implements Runnable {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        Console console = Console.system();
        int code = execute(args, console);
        console.out().flush();
        console.err().flush();
        System.exit(code);
    }

    /** Runs one command line in-process and returns its exit code; never calls {@code System.exit}. */
    public static int execute(String[] args, Console console) {
        CommandLine cli = commandLine(console);
        int code = cli.execute(args);
        console.out().flush();
        console.err().flush();
        return code;
    }

    static CommandLine commandLine(Console console) {
        CommandLine cli = new CommandLine(new Main());
        cli.addSubcommand("run", new RunCommand(console));
        cli.addSubcommand("replay", new ReplayCommand(console));
        cli.addSubcommand("swarm", new SwarmCommand(console));
        cli.addSubcommand("campaign", new CommandLine(new CampaignCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == CampaignCommand.Merge.class) {
                    return cls.cast(new CampaignCommand.Merge(console));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        }));
        cli.addSubcommand("check", new CheckCommand(console));
        cli.addSubcommand("trace-check", new TraceCheckCommand(console));
        LiveCommands.register(cli, console);
        cli.addSubcommand("report", new ReportCommand(console));
        cli.addSubcommand("bench", new movescope.cli.bench.BenchCommand(console));
        cli.addSubcommand("completion", new CompletionCommand());
        BuildInfo.Provider build = new BuildInfo.Provider();
        for (CommandLine sub : cli.getSubcommands().values()) {
            // Every subcommand answers --version with the same build line as the top command.
            sub.getCommandSpec().versionProvider(build);
        }
        // Help wraps at the terminal's width: $COLUMNS when the shell exports it, else picocli asks the terminal
        // (80 columns when there is none, e.g. when piped).
        String columns = console.env().getOrDefault("COLUMNS", "");
        if (columns.matches("\\d{2,4}") && Integer.parseInt(columns) >= 55) {
            cli.setUsageHelpWidth(Integer.parseInt(columns));
        } else {
            cli.setUsageHelpAutoWidth(true);
        }
        cli.setUsageHelpLongOptionsMaxWidth(28);
        HelpText.install(cli);
        cli.setOut(console.out());
        cli.setErr(console.err());
        cli.setParameterExceptionHandler(usageErrors(console.err()));
        cli.setExecutionExceptionHandler(internalErrors(console.err()));
        return cli;
    }

    private static IParameterExceptionHandler usageErrors(PrintWriter err) {
        return (ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            err.println("movescope: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
                err.println(cmd.getHelp().fullSynopsis().stripTrailing());
                err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            err.flush();
            return ExitCode.BAD_INPUT.code();
        };
    }

    private static IExecutionExceptionHandler internalErrors(PrintWriter err) {
        return (ex, cmd, parseResult) -> {
            err.println("movescope: internal error (this is a bug in movescope, not in your input):");
            ex.printStackTrace(err);
            err.flush();
            return ExitCode.INTERNAL.code();
        };
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: run, replay, report, swarm, check, trace-check or completion");
    }
}
