package dev.seckill.bench;

/**
 * The default spike's two verdicts. Correctness is what must hold at any speed: accepted = stock = rows in MySQL,
 * one row per shopper, Redis stock 0. The service level is what a machine of a given size may or may not reach:
 * no request failed, none waited for one of Gatling's bounded connections (Gatling's times would leave that wait
 * out), and the purchase p99 within the bound. Times are the servers' (epoch ms): first and last order accepted
 * by seckill-service, last row written by order-consumer.
 */
record SpikeVerdicts(long stock, long accepted, long rows, long distinctUsers, long redisStock, long firstPlacedAtMs,
        long lastPlacedAtMs, long lastRowAtMs, long failedRequests, long connectionWaits, long purchaseP99Ms,
        long p99BoundMs) {

    boolean correct() {
        return accepted == stock && rows == stock && distinctUsers == rows && redisStock == 0;
    }

    boolean p99WithinBound() {
        return purchaseP99Ms >= 0 && purchaseP99Ms <= p99BoundMs;
    }

    boolean serviceLevelMet() {
        return failedRequests == 0 && connectionWaits == 0 && p99WithinBound();
    }

    double drainSeconds() {
        return (lastRowAtMs - lastPlacedAtMs) / 1000.0;
    }

    double persistedPerSecond() {
        long span = lastRowAtMs - firstPlacedAtMs;
        return span <= 0 ? 0 : rows / (span / 1000.0);
    }
}
