package movescope.checker;

/**
 * Input that could not even be turned into a TLC run (missing path, invalid manifest...).
 *
 * @param path    the offending file or folder
 * @param message what is wrong, for people
 */
public record InputProblem(String path, String message) {
}
