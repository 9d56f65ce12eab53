package dev.seckill.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Keeps a fixed number of asynchronous operations in flight for a while: each completion starts the
 * next. The same driver serves every phase of a benchmark, so the phases differ only in what they call.
 */
final class ClosedLoop {

    private final int inFlight;
    private final Duration duration;

    ClosedLoop(int inFlight, Duration duration) {
        this.inFlight = inFlight;
        this.duration = duration;
    }

    /**
     * @param operation called with a sequence number; completes with true when the operation succeeded
     */
    LoadResult run(String name, LongFunction<CompletableFuture<Boolean>> operation) throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        AtomicLong succeeded = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        LatencyLog latencies = new LatencyLog();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        CountDownLatch done = new CountDownLatch(inFlight);
        for (int i = 0; i < inFlight; i++) {
            next(operation, sequence, succeeded, failed, latencies, end, done);
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new LoadResult(name, succeeded.get(), failed.get(), seconds, latencies.toArray());
    }

    private void next(LongFunction<CompletableFuture<Boolean>> operation, AtomicLong sequence, AtomicLong succeeded,
            AtomicLong failed, LatencyLog latencies, long end, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        long sent = System.nanoTime();
        operation.apply(sequence.getAndIncrement()).whenComplete((ok, error) -> {
            latencies.add((System.nanoTime() - sent) / 1000);
            if (error == null && Boolean.TRUE.equals(ok)) {
                succeeded.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
            next(operation, sequence, succeeded, failed, latencies, end, done);
        });
    }

    /** Latencies of every operation; a synchronized growable array is cheap next to a network call. */
    private static final class LatencyLog {

        private long[] values = new long[1 << 16];
        private int size;

        synchronized void add(long micros) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = micros;
        }

        synchronized long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
