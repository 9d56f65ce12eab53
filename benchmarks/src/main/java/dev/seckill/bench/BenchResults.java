package dev.seckill.bench;

/**
 * Everything one run of the bench measured.
 *
 * @param preload and {@code preloaded}: null with {@code --preload 0}
 * @param pacedTarget the rate the latency phase was paced to: 80 % of the fresh sale's capacity
 */
record BenchResults(BenchOptions options, int cores, SpikePhase.Result spike, Measurement fresh, Preload.Filled preload,
        Measurement preloaded, Measurement bareHop, Measurement soldOut, Measurement paced, double pacedTarget,
        ConsumerPhase.Result consumer, LoadResult rawEvalsha, LoadResult rowLock, Measurement naive, NaiveRuns.Loss naiveLoss) {

    /** CPU the naive design spends per purchase: its own process and the two servers it uses. */
    double naiveMillisPerPurchase() {
        return naive.millisPerAnswer(NaiveBaseline.NAME) + naive.millisPerAnswer("redis") + naive.millisPerAnswer("kafka");
    }

    double capacity() {
        return fresh.load().perSecond(202);
    }

    /** CPU per accepted purchase on the preloaded sale against the fresh one, as a fraction: +0.05 is 5 % more. */
    double preloadedDifference() {
        return fresh.totalMillisPerAnswer() == 0 ? 0 : preloaded.totalMillisPerAnswer() / fresh.totalMillisPerAnswer() - 1;
    }
}
