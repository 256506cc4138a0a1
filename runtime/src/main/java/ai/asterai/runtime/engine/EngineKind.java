package ai.asterai.runtime.engine;

/** How a module's code runs: compiled to JVM bytecode once per module (default), or interpreted. */
public enum EngineKind {
    COMPILER, INTERPRETER;

    public static EngineKind parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "compiler", "compiled", "jit" -> COMPILER;
            case "interpreter", "interpreted", "interp" -> INTERPRETER;
            default -> throw new IllegalArgumentException("engine must be 'compiler' or 'interpreter', got '" + text + "'");
        };
    }
}
