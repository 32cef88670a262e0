package movescope.cli.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import movescope.cli.report.Claims;

/**
 * A swarm's (campaign's) page: one self-contained HTML file with the headline, each kind of failure with its
 * count, share and claim, linking to the run page of its shrunk scenario, the verdict counts, the invariants
 * checked and skipped, and every run. It reads the JSON document {@code swarm --json} prints (docs/json.md
 * "swarm") and nothing else, so a richer campaign report only has to be mapped onto that shape here.
 */
public final class CampaignPage {
    private CampaignPage() {
    }

    /**
     * @param swarm     the {@code swarm --json} document
     * @param kindPages page of the shrunk scenario per kind, as a link relative to the page
     */
    public static String render(JsonNode swarm, Map<String, String> kindPages) {
        Map<String, Integer> kinds = new TreeMap<>();
        Map<String, Integer> verdicts = new TreeMap<>();
        for (JsonNode r : swarm.path("runs")) {
            verdicts.merge(r.path("verdict").asText(), 1, Integer::sum);
            if (!r.path("kind").isNull() && !r.path("kind").isMissingNode()) {
                kinds.merge(r.path("kind").asText(), 1, Integer::sum);
            }
        }
        int runs = swarm.path("runs").size();
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(e("swarm " + swarm.path("seed").asText() + " \u2014 movescope")).append("</title>\n<style>")
                .append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<h1>Swarm ").append(e(swarm.path("seed").asText())).append(": ").append(runs).append(" runs of ")
                .append(e(swarm.path("template").asText())).append("</h1>\n");
        b.append("<p id=\"headline\">").append(e(swarm.path("headline").asText())).append("</p>\n");
        b.append("<p class=\"meta\">").append(e(swarm.path("version").asText())).append(" \u00b7 reproduce: <code>")
                .append(e(swarm.path("reproduceSwarm").asText())).append("</code></p>\n");

        b.append("<h2>Kinds of failure</h2>\n");
        if (kinds.isEmpty()) {
            b.append("<p id=\"kinds\" class=\"none\">No run failed.</p>\n");
        } else {
            b.append("<table id=\"kinds\"><tr><th>kind</th><th>runs</th><th>share</th><th>claim</th><th>shrunk scenario</th></tr>\n");
            kinds.forEach((k, n) -> {
                b.append("<tr class=\"kind\" data-kind=\"").append(e(k)).append("\"><td>").append(e(k)).append("</td><td>")
                        .append(n).append("</td><td>").append(String.format(java.util.Locale.ROOT, "%.0f%%", 100.0 * n / runs))
                        .append("</td><td>").append(e(Claims.of(k).orElse("a verdict, not an invariant: see docs/scenario-format.md")))
                        .append("</td><td>");
                String page = kindPages.get(k);
                if (page != null) {
                    b.append("<a class=\"run-page\" href=\"").append(e(page)).append("\">run page</a>");
                } else {
                    b.append("not shrunk (only the first failure is)");
                }
                b.append("</td></tr>\n");
            });
            b.append("</table>\n");
        }

        b.append("<h2>Coverage</h2>\n<table id=\"coverage\"><tr><th>verdict</th><th>runs</th></tr>\n");
        verdicts.forEach((v, n) -> b.append("<tr><td>").append(e(v)).append("</td><td>").append(n).append("</td></tr>\n"));
        b.append("</table>\n");

        b.append("<h2>Runs</h2>\n<table id=\"runs\"><tr><th>run</th><th>seed</th><th>verdict</th><th>kind</th><th>events</th><th>summary</th></tr>\n");
        for (JsonNode r : swarm.path("runs")) {
            boolean pass = r.path("verdict").asText().equals("PASS");
            b.append("<tr class=\"run ").append(pass ? "pass" : "fail").append("\"><td>").append(r.path("index").asInt())
                    .append("</td><td>").append(e(r.path("seed").asText())).append("</td><td>")
                    .append(e(r.path("verdict").asText())).append("</td><td>").append(pass ? "" : e(r.path("kind").asText()))
                    .append("</td><td>").append(r.path("events").asLong()).append("</td><td>")
                    .append(e(r.path("summary").asText())).append("</td></tr>\n");
        }
        b.append("</table>\n</body>\n</html>\n");
        return b.toString();
    }

    private static String e(String s) {
        return RunPage.escape(s);
    }

    private static final String CSS = "body{font:13px/1.4 system-ui,sans-serif;margin:16px;color:#1d2330}"
            + "h1{font-size:18px}h2{font-size:15px;margin-top:18px}#headline{font:600 13px ui-monospace,monospace;color:#b3261e}"
            + ".meta{color:#667}table{border-collapse:collapse}td,th{border:1px solid #dde;padding:3px 8px;text-align:left;"
            + "vertical-align:top}th{background:#f5f6fa}tr.fail td:nth-child(3){color:#b3261e;font-weight:600}"
            + "tr.pass td:nth-child(3){color:#1a7f37}code{font-family:ui-monospace,monospace}";
}
