package dev.seckill.bench.cpu;

import dev.seckill.infra.server.Pause;
import java.time.Duration;

/**
 * Waits until the metered processes are nearly idle before a phase is measured, so that work left over from the
 * phase before (a consumer draining, InnoDB merging a million rows into its indexes, a JIT compiling) is not
 * charged to the next one.
 */
public final class Quiet {

    private static final Duration SAMPLE = Duration.ofMillis(500);
    /** All metered processes together below a tenth of one core: what idle JVMs polling Redis and Kafka use. */
    private static final double IDLE_CORES = 0.1;
    private static final int QUIET_SAMPLES = 2;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final CpuMeter meter;

    public Quiet(CpuMeter meter) {
        this.meter = meter;
    }

    /** @return how long it waited; after {@link #PATIENCE} it gives up (and says so) rather than never measuring */
    public Duration await() {
        long started = System.nanoTime();
        int quiet = 0;
        CpuSample previous = meter.sample();
        while (quiet < QUIET_SAMPLES) {
            Pause.of(SAMPLE);
            CpuSample now = meter.sample();
            double cores = now.since(previous).cores();
            quiet = cores < IDLE_CORES ? quiet + 1 : 0;
            previous = now;
            if (System.nanoTime() - started > PATIENCE.toNanos()) {
                System.out.printf("  (the platform still used %.2f cores after %d s; measuring anyway)%n",
                        cores, PATIENCE.toSeconds());
                break;
            }
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
