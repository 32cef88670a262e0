package movescope.checker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import movescope.checker.manifest.Expectation;
import movescope.checker.manifest.Manifest;
import movescope.checker.manifest.ManifestException;
import movescope.checker.manifest.ManifestRun;
import movescope.checker.manifest.Manifests;
import movescope.checker.tlc.Outcome;
import movescope.checker.tlc.TlcResult;
import movescope.checker.tlc.TlcRun;
import movescope.checker.tlc.TlcRunner;

/**
 * The library behind {@code movescope check}: turns targets into TLC runs, runs each in a fresh JVM and
 * compares the outcome with the manifest's expectation.
 *
 * <p>Targets: nothing = every manifest under the repo's {@code specs/}; a spec folder = its manifest's
 * runs; a folder of spec folders (such as {@code specs/}) = all their manifests; a {@code manifest.json};
 * a {@code .cfg} = that config, with the expectation of the manifest entry next to it that names it, else
 * expected to pass with the module chosen by {@link ModuleResolver}.
 */
public final class Check {
    /** One planned run with its expectation. */
    record Planned(String spec, TlcRun run, Expectation expect, String expectedName, boolean fromManifest,
            ManifestRun entry) {
    }

    private Check() {
    }

    /** Runs every target and returns the report; {@code onResult} sees each result as soon as it exists. */
    public static CheckReport run(List<Path> targets, CheckOptions options, Consumer<CheckResult> onResult) {
        return run(targets, options, onResult, line -> { });
    }

    /**
     * As {@link #run(List, CheckOptions, Consumer)}, and {@code progress} hears which config is being checked
     * and, every 10 s, how far TLC got (for a person watching stderr).
     */
    public static CheckReport run(List<Path> targets, CheckOptions options, Consumer<CheckResult> onResult,
            Consumer<String> progress) {
        List<InputProblem> problems = new ArrayList<>();
        List<Planned> plan = plan(targets, options.workingDir(), problems);
        TlcRunner runner = new TlcRunner(options.tlc(), progress);
        List<CheckResult> results = new ArrayList<>();
        int i = 0;
        for (Planned p : plan) {
            i++;
            progress.accept("checking " + p.spec() + " " + p.run().config() + " (" + i + " of " + plan.size() + ")");
            CheckResult r = judge(p, runner.run(p.run()));
            results.add(r);
            onResult.accept(r);
        }
        return CheckReport.of(results, problems);
    }

    public static CheckReport run(List<Path> targets, CheckOptions options) {
        return run(targets, options, r -> { });
    }

    /** Runs one manifest entry and judges it (one dynamic test per entry uses this). */
    public static CheckResult runEntry(Manifest manifest, ManifestRun entry, TlcRunner runner) {
        Planned p = fromEntry(manifest, entry);
        return judge(p, runner.run(p.run()));
    }

    /** Turns targets into runs; problems (missing paths, invalid manifests) are collected, not thrown. */
    static List<Planned> plan(List<Path> targets, Path workingDir, List<InputProblem> problems) {
        List<Planned> plan = new ArrayList<>();
        if (targets.isEmpty()) {
            Optional<Path> root = RepoRoot.find(workingDir);
            if (root.isEmpty()) {
                problems.add(new InputProblem(workingDir.toString(),
                        "no folder with specs/ and pom.xml above this one; give a spec folder or a .cfg"));
                return plan;
            }
            planSpecsDir(root.get().resolve("specs"), plan, problems);
            return plan;
        }
        for (Path t0 : targets) {
            Path t = workingDir.resolve(t0).normalize();
            if (!Files.exists(t)) {
                problems.add(new InputProblem(t0.toString(), "no such file or folder"));
            } else if (Files.isDirectory(t)) {
                if (Files.isRegularFile(t.resolve(Manifests.FILE_NAME))) {
                    planManifest(t.resolve(Manifests.FILE_NAME), plan, problems);
                } else {
                    planSpecsDir(t, plan, problems);
                }
            } else if (t.getFileName().toString().equals(Manifests.FILE_NAME)) {
                planManifest(t, plan, problems);
            } else if (t.getFileName().toString().endsWith(".cfg")) {
                planConfig(t, plan, problems);
            } else {
                problems.add(new InputProblem(t0.toString(),
                        "expected a spec folder, a manifest.json or a .cfg file"));
            }
        }
        return plan;
    }

    private static void planSpecsDir(Path dir, List<Planned> plan, List<InputProblem> problems) {
        List<Manifest> manifests;
        try {
            manifests = Manifests.discover(dir);
        } catch (ManifestException e) {
            problems.add(new InputProblem(e.file().toString(), e.getMessage()));
            return;
        }
        if (manifests.isEmpty()) {
            problems.add(new InputProblem(dir.toString(),
                    "no manifest.json here or in its sub-folders: nothing to check"));
        }
        for (Manifest m : manifests) {
            addManifest(m, plan);
        }
    }

    private static void planManifest(Path file, List<Planned> plan, List<InputProblem> problems) {
        try {
            addManifest(Manifests.read(file), plan);
        } catch (ManifestException e) {
            problems.add(new InputProblem(e.file().toString(), e.getMessage()));
        }
    }

    private static void addManifest(Manifest m, List<Planned> plan) {
        for (ManifestRun r : m.runs()) {
            plan.add(fromEntry(m, r));
        }
    }

    private static Planned fromEntry(Manifest m, ManifestRun r) {
        TlcRun run = new TlcRun(m.spec() + "-" + r.name(), m.dir(), r.module(), r.config(), r.tlcArgs());
        return new Planned(m.spec(), run, r.expect(), r.expectedName(), true, r);
    }

    private static void planConfig(Path cfg, List<Planned> plan, List<InputProblem> problems) {
        Path dir = cfg.toAbsolutePath().getParent();
        Path manifestFile = dir.resolve(Manifests.FILE_NAME);
        if (Files.isRegularFile(manifestFile)) {
            Manifest m;
            try {
                m = Manifests.read(manifestFile);
            } catch (ManifestException e) {
                problems.add(new InputProblem(e.file().toString(), e.getMessage()));
                return;
            }
            boolean found = false;
            for (ManifestRun r : m.runs()) {
                if (dir.resolve(r.config()).normalize().equals(cfg.toAbsolutePath().normalize())) {
                    plan.add(fromEntry(m, r));
                    found = true;
                }
            }
            if (found) {
                return;
            }
        }
        String module = ModuleResolver.resolve(cfg);
        String cfgName = cfg.getFileName().toString();
        if (module == null) {
            problems.add(new InputProblem(cfg.toString(), "no module for this config; tried "
                    + String.join(", ", ModuleResolver.candidates(cfgName))));
            return;
        }
        String name = cfgName.substring(0, cfgName.length() - 4);
        TlcRun run = new TlcRun(name, dir, module, cfgName, List.of());
        plan.add(new Planned(dir.getFileName().toString(), run, Expectation.PASS, null, false, null));
    }

    /** Compares one TLC result with the expectation. */
    static CheckResult judge(Planned p, TlcResult r) {
        List<String> reasons = new ArrayList<>();
        Expectation e = p.expect();
        if (r.outcome() == Outcome.ERROR) {
            reasons.add("TLC could not check it (" + r.errorKind() + ")"
                    + (r.message() == null ? "" : ": " + firstLine(r.message().replace("***Parse Error***\n", ""))));
        } else if (r.outcome() != e.outcome()) {
            reasons.add("expected " + describe(e, p.expectedName()) + ", got " + describe(r)
                    + (p.fromManifest() ? "" : " (no manifest entry names this config, so it must pass)"));
        } else if (p.expectedName() != null && !p.expectedName().equals(r.violated())) {
            reasons.add(r.violated() == null
                    ? "expected " + p.expectedName() + " to be violated; TLC did not name the violated property"
                            + " (TLC 2.18 never names temporal properties: give the config that one PROPERTY only)"
                    : "expected " + p.expectedName() + " to be violated, TLC reported " + r.violated());
        } else if (r.outcome() == Outcome.PASS && p.entry() != null && p.entry().measured() != null) {
            Long want = p.entry().measured().distinctStates();
            if (want != null && want != r.distinctStates()) {
                reasons.add("distinct states " + r.distinctStates() + " differ from measured " + want);
            }
            Integer wantDepth = p.entry().measured().depth();
            if (wantDepth != null && wantDepth != r.depth()) {
                reasons.add("depth " + r.depth() + " differs from measured " + wantDepth);
            }
        }
        return new CheckResult(p.spec(), p.run().name().startsWith(p.spec() + "-")
                ? p.run().name().substring(p.spec().length() + 1) : p.run().name(),
                p.run().specDir().toString(), p.run().module(), p.run().config(), e, p.expectedName(),
                p.fromManifest(), r, reasons.isEmpty() ? Verdict.MATCH : Verdict.MISMATCH, reasons);
    }

    static String describe(Expectation e, String name) {
        return switch (e) {
            case PASS -> "pass";
            case DEADLOCK -> "deadlock";
            case VIOLATION -> "violation of " + Objects.requireNonNullElse(name, "?");
            case PROPERTY -> "violation of property " + Objects.requireNonNullElse(name, "?");
        };
    }

    static String describe(TlcResult r) {
        String n = r.violated() == null ? "" : " of " + r.violated();
        return switch (r.outcome()) {
            case PASS -> "PASS";
            case DEADLOCK -> "DEADLOCK";
            case VIOLATION -> "VIOLATION" + n;
            case PROPERTY_VIOLATION -> "PROPERTY_VIOLATION" + n;
            case ERROR -> "ERROR (" + r.errorKind() + ")";
        };
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " ...";
    }
}
