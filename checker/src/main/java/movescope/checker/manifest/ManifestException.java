package movescope.checker.manifest;

import java.nio.file.Path;

/** A manifest that cannot be read or is invalid; the message names the file (and line:column when known). */
public final class ManifestException extends Exception {
    private final transient Path file;

    public ManifestException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    public ManifestException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
