package dev.seckill.gateway;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The other tests' guard is really in place: a blocking call on a non-blocking thread fails. */
class BlockHoundInstalledTest {

    @Test
    void sleepingOnAParallelSchedulerThreadFails() {
        Mono<Integer> blocking = Mono.fromCallable(() -> {
            Thread.sleep(1);
            return 1;
        }).subscribeOn(Schedulers.parallel());

        assertThatThrownBy(() -> blocking.block(Duration.ofSeconds(5))).hasCauseInstanceOf(BlockingOperationError.class);
    }
}
