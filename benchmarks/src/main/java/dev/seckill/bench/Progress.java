package dev.seckill.bench;

/** The bench's progress lines, each with the time since the run started, so a reader sees where the minutes go. */
final class Progress {

    private final long started = System.nanoTime();

    void step(String format, Object... args) {
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        System.out.printf("[%d:%02d] %s%n", seconds / 60, seconds % 60, String.format(format, args));
    }

    double minutes() {
        return (System.nanoTime() - started) / 60e9;
    }
}
