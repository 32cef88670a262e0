package movescope.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code movescope completion}: prints a bash/zsh completion script for every command and option, generated
 * by picocli's AutoComplete from the same command model that parses the arguments (so it cannot go stale).
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {
            "Print a bash (and zsh) completion script for movescope's commands and options.",
            "Load it into the current shell with: source <(./movescope completion). To keep it, add "
                    + "that line to ~/.bashrc, or with zsh put 'autoload -U +X bashcompinit && bashcompinit' "
                    + "before it in ~/.zshrc. Completion works for the command name movescope (put the "
                    + "checkout on PATH or alias movescope=/path/to/checkout/movescope)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:script printed", "2:usage error"})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.commandLine().getParent();
        String script = AutoComplete.bash(root.getCommandName(), root);
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return ExitCode.PASS.code();
    }
}
