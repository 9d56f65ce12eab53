package dev.seckill.testsupport.netfault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code nft} command line; a rule set is the one thing that has to be changed as root. */
final class Nft {

    private static final long TIMEOUT_SECONDS = 10;

    private Nft() {
    }

    record Result(int exitCode, String output) {

        boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs {@code nft} with a script on its standard input: several changes in one atomic transaction. */
    static Result script(String script) {
        return run(List.of("nft", "-f", "-"), script);
    }

    static Result command(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("nft"));
        command.addAll(List.of(args));
        return run(command, "");
    }

    /** Like {@link #script} but fails loudly: a fault that was not installed must not pass as a test. */
    static String require(String script) {
        Result result = script(script);
        if (!result.ok()) {
            throw new IllegalStateException("nft refused [" + script.strip() + "]: " + result.output());
        }
        return result.output();
    }

    private static Result run(List<String> command, String input) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "nft did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(),
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            return new Result(-1, "cannot run nft: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted while running nft");
        }
    }
}
