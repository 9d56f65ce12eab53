package dev.seckill.infra.server;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A preparation step that must finish before a server starts, such as formatting or installing its storage. */
final class OneShotCommand {

    private OneShotCommand() {
    }

    /**
     * Runs {@code command} in {@code dir} with its output appended to {@code log}.
     *
     * @param what what the command does, for error messages ("formatting the Kafka storage")
     * @throws IllegalStateException if it fails or outlasts {@code timeout}; the message quotes the log's end
     */
    static void run(List<String> command, Path dir, Path log, Duration timeout, String what) throws IOException {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " took over " + timeout.toSeconds() + " s; see " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(what + " failed with exit code " + process.exitValue()
                    + "; see " + log + ", which ends with:" + System.lineSeparator() + LogTail.of(log, 30));
        }
    }
}
