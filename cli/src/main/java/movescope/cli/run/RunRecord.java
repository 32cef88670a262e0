package movescope.cli.run;

import java.util.Optional;
import movescope.cli.report.Headline;
import movescope.cli.report.JunitXml;
import movescope.sim.report.RunResult;

/** What {@code run} keeps of one scenario for its end-of-command outputs ({@code --json}, {@code --junit}). */
record RunRecord(String file, boolean passed, Finding finding, Headline headline, RunResult result, String report,
        String trace, Optional<String> page, String golden, String reproduce, double seconds) {

    JunitXml.Case junitCase() {
        StringBuilder outText = new StringBuilder(finding.line(file)).append('\n');
        finding.claim().ifPresent(c -> outText.append("claim: ").append(c).append('\n'));
        headline.lines().forEach(l -> outText.append(l).append('\n'));
        outText.append("golden ").append(golden).append('\n');
        outText.append("report ").append(report).append("; trace ").append(trace)
                .append(page.map(p -> "; page " + p).orElse("")).append('\n');
        Optional<String> failure = passed ? Optional.empty() : Optional.of(finding.detail());
        String details = passed ? "" : String.join("\n", result.failures()) + "\nreproduce: " + reproduce + "\n";
        return new JunitXml.Case(file, "movescope.run." + result.variant(), seconds, failure, details,
                outText.toString());
    }
}
