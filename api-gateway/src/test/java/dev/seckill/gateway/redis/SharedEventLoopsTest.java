package dev.seckill.gateway.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seckill.gateway.GatewayTestBase;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.ReactorResourceFactory;

class SharedEventLoopsTest extends GatewayTestBase {

    @Autowired
    private RedisClient redis;

    @Autowired
    private ReactorResourceFactory reactor;

    /** The thread that completes a Redis answer is the one the rest of the request then runs on. */
    @Test
    void redisAnswersArriveOnTheLoopsThatServeRequests() {
        EventLoopGroup serving = reactor.getLoopResources().onServer(true);
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            // Reactive: the answer is emitted where Lettuce read it, never on the caller's thread.
            String thread = connection.reactive().ping()
                    .map(pong -> onOneOf(serving) ? Thread.currentThread().getName() : "not a serving loop: " + Thread.currentThread().getName())
                    .block(Duration.ofSeconds(5));

            assertThat(thread).contains("-http-epoll-");
        }
    }

    private static boolean onOneOf(EventLoopGroup loops) {
        for (EventExecutor loop : loops) {
            if (loop.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void lettuceReleasingTheLoopsLeavesThemRunning() throws Exception {
        NioEventLoopGroup loops = new NioEventLoopGroup(2);
        try {
            SharedEventLoops shared = new SharedEventLoops(loops);

            assertThat(shared.allocate(NioEventLoopGroup.class)).isSameAs(loops);
            assertThat(shared.threadPoolSize()).isEqualTo(2);
            assertThat(shared.release(loops, 0, 1, TimeUnit.SECONDS).get()).isTrue();
            assertThat(shared.shutdown(0, 1, TimeUnit.SECONDS).get()).isTrue();
            assertThat(loops.isShuttingDown()).isFalse();
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void loopsOfAnotherTransportAreRefusedByName() throws Exception {
        NioEventLoopGroup loops = new NioEventLoopGroup(1);
        try {
            assertThatThrownBy(() -> new SharedEventLoops(loops).allocate(EpollEventLoopGroup.class))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(EpollEventLoopGroup.class.getName())
                    .hasMessageContaining(NioEventLoopGroup.class.getName());
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
