package dev.seckill.gateway.redis;

import io.lettuce.core.resource.EventLoopGroupProvider;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Lettuce on the event loops that serve the shoppers and call seckill-service, not on loops of its own.
 * A purchase's bucket answer then continues on one of the loops the request lives on, instead of
 * waking a fifth and sixth thread on a two-core machine. The loops belong to Reactor Netty, which
 * shuts them down; Lettuce releasing them is a no-op.
 */
final class SharedEventLoops implements EventLoopGroupProvider {

    private final EventLoopGroup loops;

    SharedEventLoops(EventLoopGroup loops) {
        this.loops = loops;
    }

    @Override
    public <T extends EventLoopGroup> T allocate(Class<T> type) {
        if (!type.isInstance(loops)) {
            throw new IllegalStateException("Lettuce asks for " + type.getName() + " event loops, Reactor Netty runs "
                    + loops.getClass().getName() + "; both choose the native transport when it is available");
        }
        return type.cast(loops);
    }

    @Override
    public int threadPoolSize() {
        int size = 0;
        for (EventExecutor ignored : loops) {
            size++;
        }
        return size;
    }

    @Override
    public Future<Boolean> release(EventExecutorGroup group, long quietPeriod, long timeout, TimeUnit unit) {
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
    }

    @Override
    public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit unit) {
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
    }
}
