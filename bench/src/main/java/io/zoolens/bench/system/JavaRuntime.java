package io.zoolens.bench.system;

import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code java} the services run on: {@code $JAVA_HOME/bin/java} when set, as scripts/stack/lib.sh chooses. */
public final class JavaRuntime {

    private JavaRuntime() {}

    public static String javaBinary() {
        String home = System.getenv("JAVA_HOME");
        if (home != null && !home.isBlank()) {
            Path java = Path.of(home, "bin", "java");
            if (Files.isExecutable(java)) {
                return java.toString();
            }
        }
        return "java";
    }

    /** The first line of {@code java -version}, e.g. {@code openjdk version "17.0.17" 2025-10-21}. */
    public static String version() {
        return Command.firstLine(javaBinary(), "-version").orElse("unknown");
    }
}
