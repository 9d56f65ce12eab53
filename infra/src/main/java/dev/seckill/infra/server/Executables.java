package dev.seckill.infra.server;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds programs the way a shell would, plus the sbin directories where server daemons live. */
final class Executables {

    /** Daemons such as mariadbd are installed in sbin, which a non-root user's PATH often lacks. */
    private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/usr/local/sbin", "/sbin");

    private Executables() {
    }

    static Optional<Path> onPath(String name) {
        for (Path dir : searchDirs()) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /** An absolute path for a command: paths are taken as they are, bare names are looked up. */
    static Path resolve(String command) {
        if (command.contains("/") || command.contains(File.separator)) {
            return Path.of(command).toAbsolutePath().normalize();
        }
        return onPath(command).orElseThrow(() -> new IllegalStateException(
                "'" + command + "' was not found on the PATH"));
    }

    static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static List<Path> searchDirs() {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    dirs.add(Path.of(entry));
                }
            }
        }
        EXTRA_DIRS.forEach(dir -> dirs.add(Path.of(dir)));
        return dirs;
    }
}
