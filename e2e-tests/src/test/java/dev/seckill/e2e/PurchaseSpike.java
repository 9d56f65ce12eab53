package dev.seckill.e2e;

import dev.seckill.testsupport.ApiClient.ApiResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Shoppers arriving at a steady rate through the gateway, each buying once with an Idempotency-Key of
 * its own, for long enough that a fault can start and end in the middle. Arrivals do not wait for
 * earlier answers, as shoppers do not: while a link hangs, requests pile up as they would in a sale.
 */
final class PurchaseSpike {

    /** One shopper's purchase; {@code response} is null when the client gave up (its own timeout, a reset). */
    record Answer(String userId, String idempotencyKey, ApiResponse response, long sentNanos, long answeredNanos) {

        int status() {
            return response == null ? 0 : response.status();
        }

        boolean isProblem(int status, String slug) {
            return response != null && response.isProblem(status, slug);
        }

        String orderId() {
            return status() == 202 ? response.text("orderId") : null;
        }

        Duration took() {
            return Duration.ofNanos(answeredNanos - sentNanos);
        }
    }

    private final long saleId;
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final ScheduledExecutorService arrivals = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "purchase-spike");
        thread.setDaemon(true);
        return thread;
    });

    private PurchaseSpike(long saleId) {
        this.saleId = saleId;
    }

    /** Starts {@code shoppers} purchases of {@code saleId}, {@code perSecond} of them a second, users {@code prefix0...}. */
    static PurchaseSpike start(PlatformFixture fixture, long saleId, String prefix, int shoppers, int perSecond) {
        PurchaseSpike spike = new PurchaseSpike(saleId);
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        spike.arrivals.scheduleAtFixedRate(() -> {
            int i = sent.getAndIncrement();
            if (i >= shoppers) {
                spike.arrivals.shutdown();
                return;
            }
            String userId = prefix + i;
            String key = "key-" + userId;
            long sentAt = System.nanoTime();
            fixture.purchaseAsync(saleId, userId, key).handle((response, error) -> {
                spike.answers.add(new Answer(userId, key, response, sentAt, System.nanoTime()));
                if (answered.incrementAndGet() == shoppers) {
                    spike.done.complete(null);
                }
                return null;
            });
        }, 0, TimeUnit.SECONDS.toMicros(1) / perSecond, TimeUnit.MICROSECONDS);
        return spike;
    }

    long saleId() {
        return saleId;
    }

    /** How many answers so far are like this. */
    long count(Predicate<Answer> kind) {
        return answers.stream().filter(kind).count();
    }

    /** The answers so far, in the order they came. */
    List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** Waits for every shopper's answer. */
    List<Answer> join(Duration patience) {
        done.orTimeout(patience.toMillis(), TimeUnit.MILLISECONDS).join();
        return answers();
    }
}
