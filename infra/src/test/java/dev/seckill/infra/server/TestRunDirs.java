package dev.seckill.infra.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Run directories under the module's target/, one per test class and JVM. */
final class TestRunDirs {

    private TestRunDirs() {
    }

    static Path forClass(Class<?> testClass) {
        return Path.of("target", "test-servers", testClass.getSimpleName() + "-" + ProcessHandle.current().pid())
                .toAbsolutePath();
    }

    /** Drops data and binaries (over 100 MB a run) but keeps the logs for post-mortems. */
    static void keepOnlyLogs(Path runDir) throws IOException {
        if (!Files.isDirectory(runDir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(runDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isDirectory(path)) {
                    try (Stream<Path> children = Files.list(path)) {
                        if (children.findAny().isEmpty()) {
                            Files.delete(path);
                        }
                    }
                } else if (!path.getFileName().toString().endsWith(".log")) {
                    Files.delete(path);
                }
            }
        }
    }
}
