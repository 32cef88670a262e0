package movescope.cli.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import movescope.cli.report.Claims;

/**
 * A campaign's report (its {@code campaign.json}, docs/campaigns.md) as one self-contained HTML page: the
 * totals and a headline in words, one row per failure kind (most frequent first) with its count, signature,
 * the claim it breaks, the shrunk scenario's size, whether it passes as a regression, the remedies that
 * remove it, the generated explanation and links to the kind's scenario file and its run page; then the
 * verdicts, the per-claim counts, the baits and the coverage (trace actions, spec actions never seen, the
 * switches' code paths). Inline CSS and a few lines of inline JavaScript (the kinds filter); nothing is loaded
 * from the network. The page is a pure function of the report, so it is byte-identical for any {@code --jobs}.
 */
public final class CampaignPage {
    private CampaignPage() {
    }

    /**
     * @param campaign  the parsed {@code campaign.json}
     * @param runPage   kind name → the kind's run page, relative to the campaign folder (empty: none drawn)
     */
    public static String render(JsonNode campaign, Function<String, Optional<String>> runPage) {
        StringBuilder b = new StringBuilder(16_384);
        String seed = campaign.path("seed").asText();
        String variant = campaign.path("variant").asText();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(esc("campaign " + seed + " (" + variant + ") \u2014 movescope")).append("</title>\n<style>")
                .append(CSS).append("</style>\n</head>\n<body>\n");
        header(b, campaign);
        kinds(b, campaign, runPage);
        counts(b, "verdicts", "Verdicts", "verdict", campaign.path("verdicts"));
        counts(b, "invariants", "Failing runs per claim", "claim", campaign.path("invariants"));
        baits(b, campaign.path("baits"));
        coverage(b, campaign.path("coverage"));
        b.append("<script>").append(JS).append("</script>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void header(StringBuilder b, JsonNode c) {
        long done = c.path("runsDone").asLong();
        long passed = c.path("verdicts").path("PASS").asLong();
        int kinds = c.path("kinds").size();
        b.append("<header>\n<h1 id=\"title\">").append(esc("campaign seed " + c.path("seed").asText() + " \u2014 "
                + c.path("template").asText() + ", variant " + c.path("variant").asText())).append("</h1>\n");
        String verdict = done == passed ? "PASS" : "FOUND";
        b.append("<p id=\"outcome\" class=\"").append(verdict).append("\">")
                .append(esc(done == passed
                        ? "PASS: all " + done + " runs held every checked claim"
                        : "FOUND " + kinds + (kinds == 1 ? " kind" : " kinds") + " of failure in " + (done - passed)
                                + " of " + done + " runs"))
                .append("</p>\n<p id=\"meta\">").append(esc("shard " + c.path("shard").asText() + ", " + done + " of "
                        + c.path("runsPlanned").asText() + " runs done" + (c.path("complete").asBoolean() ? ", complete"
                                : ", NOT complete (interrupted: resume it with ./movescope swarm --resume)")
                        + ", shrink budget " + c.path("shrinkBudget").asText() + " runs per kind, adversary "
                        + (c.path("adversary").asBoolean() ? "on" : "off") + ", template SHA-256 "
                        + c.path("templateSha256").asText()))
                .append("</p>\n</header>\n");
    }

    private static void kinds(StringBuilder b, JsonNode c, Function<String, Optional<String>> runPage) {
        b.append("<section><h2>Failure kinds</h2>\n");
        if (c.path("kinds").isEmpty()) {
            b.append("<p id=\"no-kinds\">No run failed.</p></section>\n");
            return;
        }
        b.append("<p><label>filter <input id=\"filter\" type=\"search\" placeholder=\"NoLostWrite, Restart, "
                + "logMisdirected\" size=\"36\"></label> <span id=\"shown\"></span></p>\n")
                .append("<table id=\"kinds\">\n<thead><tr><th>#</th><th>runs</th><th>kind</th><th>shrunk</th>"
                        + "<th>regression</th><th>removed by</th><th>files</th></tr></thead>\n<tbody>\n");
        long max = 1;
        for (JsonNode k : c.path("kinds")) {
            max = Math.max(max, k.path("count").asLong());
        }
        for (JsonNode k : c.path("kinds")) {
            String name = k.path("name").asText();
            long count = k.path("count").asLong();
            JsonNode s = k.path("shrunk");
            b.append("<tr class=\"kind\" id=\"").append(esc(name)).append("\">")
                    .append("<td>").append(k.path("rank").asInt()).append("</td>")
                    .append("<td class=\"count\"><span class=\"bar\" style=\"width:")
                    .append(Math.max(2, Math.round(60.0 * count / max))).append("px\"></span>").append(count)
                    .append("</td><td><code class=\"signature\">").append(esc(k.path("signature").asText()))
                    .append("</code><div class=\"claim\">")
                    .append(esc(Claims.describe(k.path("invariant").asText()))).append("</div>")
                    .append("<details><summary>explanation, first run</summary><p class=\"explanation\">")
                    .append(esc(k.path("explanation").asText())).append("</p><p class=\"first\">")
                    .append(esc("first run " + k.path("firstRun").asText() + " (seed " + k.path("firstSeed").asText()
                            + "): " + k.path("firstSummary").asText()))
                    .append("</p></details></td>");
            if (s.isObject()) {
                b.append("<td>").append(esc(s.path("steps").asText() + " steps, " + s.path("nodes").asText() + " nodes, "
                        + s.path("clients").asText() + " clients, " + s.path("keys").asText() + " keys, "
                        + s.path("endMs").asText() + " ms" + (s.path("fixpoint").asBoolean() ? "" : " (budget spent)")))
                        .append("</td><td class=\"").append(s.path("regressionPasses").asBoolean() ? "ok" : "bad")
                        .append("\">").append(s.path("regressionPasses").asBoolean() ? "passes" : "does not pass")
                        .append("</td>");
            } else {
                b.append("<td>not shrunk</td><td></td>");
            }
            b.append("<td class=\"removed\">");
            if (k.path("removedBy").isEmpty()) {
                b.append("no single remedy");
            } else {
                String sep = "";
                for (JsonNode r : k.path("removedBy")) {
                    b.append(sep).append("<code>").append(esc(r.asText())).append("</code>");
                    sep = ", ";
                }
            }
            b.append("</td><td class=\"files\">");
            if (s.isObject()) {
                b.append("<a class=\"scenario\" href=\"").append(esc(s.path("file").asText())).append("\">scenario</a>");
                runPage.apply(name).ifPresent(p -> b.append(" <a class=\"run-page\" href=\"").append(esc(p))
                        .append("\">run page</a>"));
                b.append("<div class=\"reproduce\"><code>").append(esc(s.path("reproduce").asText())).append("</code></div>");
            }
            b.append("</td></tr>\n");
        }
        b.append("</tbody></table></section>\n");
    }

    private static void counts(StringBuilder b, String id, String title, String what, JsonNode counts) {
        b.append("<section><h2>").append(esc(title)).append("</h2>\n<table id=\"").append(id).append("\"><tr><th>")
                .append(what).append("</th><th>runs</th></tr>\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = counts.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            b.append("<tr><td><code>").append(esc(e.getKey())).append("</code></td><td>").append(e.getValue().asText())
                    .append("</td></tr>\n");
        }
        b.append("</table></section>\n");
    }

    private static void baits(StringBuilder b, JsonNode baits) {
        b.append("<section><h2>Baits</h2>\n<table id=\"baits\"><tr><th>bait</th><th>runs that reached it</th>"
                + "<th>times reached</th></tr>\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = baits.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            b.append("<tr><td><code>").append(esc(e.getKey())).append("</code></td><td>")
                    .append(e.getValue().path("runs").asText()).append("</td><td>")
                    .append(e.getValue().path("hits").asText()).append("</td></tr>\n");
        }
        b.append("</table></section>\n");
    }

    private static void coverage(StringBuilder b, JsonNode cov) {
        b.append("<section><h2>Coverage</h2>\n<table id=\"actions\"><tr><th>trace action</th><th>spec action</th>"
                + "<th>runs</th><th>occurrences</th></tr>\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = cov.path("actions").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode a = e.getValue();
            b.append("<tr").append(a.path("runs").asLong() == 0 ? " class=\"never\"" : "").append("><td><code>")
                    .append(esc(e.getKey())).append("</code></td><td>").append(a.path("specAction").asBoolean() ? "yes" : "")
                    .append("</td><td>").append(a.path("runs").asText()).append("</td><td>").append(a.path("count").asText())
                    .append("</td></tr>\n");
        }
        b.append("</table>\n<p id=\"never-seen\">spec actions no run produced: ");
        if (cov.path("specActionsNeverSeen").isEmpty()) {
            b.append("none");
        } else {
            String sep = "";
            for (JsonNode a : cov.path("specActionsNeverSeen")) {
                b.append(sep).append("<code>").append(esc(a.asText())).append("</code>");
                sep = ", ";
            }
        }
        b.append("</p>\n<table id=\"switches\"><tr><th>variant switch</th><th>runs whose trace took its code path</th></tr>\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = cov.path("switchPaths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            b.append("<tr><td><code>").append(esc(e.getKey())).append("</code></td><td>").append(e.getValue().asText())
                    .append("</td></tr>\n");
        }
        b.append("</table></section>\n");
    }

    static String esc(String s) {
        return RunPage.escape(s);
    }

    private static final String CSS = """
            body{font:13px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d2330;background:#fff}
            header{padding:10px 16px 4px;border-bottom:1px solid #dde}
            h1{font-size:18px;margin:0 0 4px}h2{font-size:15px;margin:14px 0 6px}
            section{padding:0 16px}
            #outcome{font:600 14px ui-monospace,Menlo,Consolas,monospace;margin:2px 0}
            #outcome.PASS{color:#1a7f37}#outcome.FOUND{color:#b3261e}
            #meta{color:#667;margin:2px 0;font-family:ui-monospace,Menlo,Consolas,monospace}
            table{border-collapse:collapse;margin:4px 0 10px}
            th,td{border-bottom:1px solid #e4e6ee;padding:4px 8px;text-align:left;vertical-align:top}
            td.count{white-space:nowrap}
            th{background:#f7f8fb}
            code{font:12px ui-monospace,Menlo,Consolas,monospace}
            .bar{display:inline-block;height:10px;background:#b3261e;margin-right:6px;border-radius:2px}
            .claim{color:#556;margin-top:2px}.explanation,.first{max-width:70em}
            .ok{color:#1a7f37}.bad{color:#b3261e;font-weight:600}
            tr.never td{color:#99a}.reproduce{margin-top:3px;color:#556}
            """;

    private static final String JS = """
            (function(){
              var f=document.getElementById('filter');if(!f)return;
              var rows=[].slice.call(document.querySelectorAll('#kinds tr.kind'));
              var shown=document.getElementById('shown');
              function apply(){var q=f.value.trim().toLowerCase(),n=0;
                rows.forEach(function(r){var hit=!q||r.textContent.toLowerCase().indexOf(q)>=0;r.style.display=hit?'':'none';if(hit)n++;});
                shown.textContent=n+' of '+rows.length+' kinds shown';}
              f.addEventListener('input',apply);apply();
            })();
            """;
}
