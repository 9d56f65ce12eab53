package dev.seckill.testsupport.netfault;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy in front of one server, for the faults a packet filter cannot make: latency, per
 * direction, as Toxiproxy's model has it (the kernel here has no {@code tc netem}), and a direction that
 * swallows what it carries without closing anything. Clients connect to {@link #host()}:{@link #port()}.
 *
 * <p>Latency holds each chunk of bytes for the delay and never lets a chunk overtake an earlier one,
 * also when the delay changes mid-stream; changes apply to bytes that arrive afterwards.
 */
public final class TcpProxy implements AutoCloseable {

    /** Which way bytes travel: from the client to the server, or the answers back. */
    public enum Direction { UPSTREAM, DOWNSTREAM }

    private record Fault(Duration latency, boolean swallow) {
        static final Fault NONE = new Fault(Duration.ZERO, false);
    }

    private final EventLoopGroup loop = new NioEventLoopGroup(1, new DefaultThreadFactory("tcp-proxy", true));
    private final Map<Direction, Fault> faults = new EnumMap<>(Direction.class);
    private final InetSocketAddress upstream;
    private final Channel server;

    private TcpProxy(String listenHost, InetSocketAddress upstream) {
        this.upstream = upstream;
        heal();
        try {
            this.server = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel client) {
                            connectUpstream(client);
                        }
                    })
                    .bind(listenHost, 0).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            loop.shutdownGracefully();
            throw new IllegalStateException("interrupted while starting a proxy", e);
        }
    }

    /** A proxy listening on a free port of {@code listenHost}, forwarding to {@code upstreamHost:upstreamPort}. */
    public static TcpProxy start(String listenHost, String upstreamHost, int upstreamPort) {
        return new TcpProxy(listenHost, new InetSocketAddress(upstreamHost, upstreamPort));
    }

    public String host() {
        return ((InetSocketAddress) server.localAddress()).getHostString();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Holds every chunk going {@code direction} for {@code delay} before passing it on. */
    public synchronized void latency(Direction direction, Duration delay) {
        faults.put(direction, new Fault(delay, faults.get(direction).swallow()));
    }

    /** Drops whatever goes {@code direction}, leaving the connections open: a request applied, its answer lost. */
    public synchronized void swallow(Direction direction) {
        faults.put(direction, new Fault(faults.get(direction).latency(), true));
    }

    /** No latency and nothing swallowed, either way. */
    public synchronized void heal() {
        for (Direction direction : Direction.values()) {
            faults.put(direction, Fault.NONE);
        }
    }

    private synchronized Fault fault(Direction direction) {
        return faults.get(direction);
    }

    private void connectUpstream(SocketChannel client) {
        new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new Relay(client, Direction.DOWNSTREAM))
                .connect(upstream)
                .addListener((ChannelFutureListener) connected -> {
                    if (!connected.isSuccess()) {
                        client.close();
                        return;
                    }
                    if (!client.isActive()) {
                        connected.channel().close();
                        return;
                    }
                    client.pipeline().addLast(new Relay(connected.channel(), Direction.UPSTREAM));
                    client.config().setAutoRead(true);
                    connected.channel().config().setAutoRead(true);
                });
    }

    /** Passes what one side reads to the other, after the direction's latency; closes the other side last. */
    private final class Relay extends ChannelInboundHandlerAdapter {

        private final Channel peer;
        private final Direction direction;
        /** When the last chunk is due out; later chunks never leave before it. Only touched on the event loop. */
        private long lastDueNanos;

        Relay(Channel peer, Direction direction) {
            this.peer = peer;
            this.direction = direction;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            Fault fault = fault(direction);
            if (fault.swallow()) {
                ReferenceCountUtil.release(message);
                return;
            }
            later(ctx, fault.latency(), () -> peer.writeAndFlush(message));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            later(ctx, Duration.ZERO, () -> peer.writeAndFlush(Unpooled.EMPTY_BUFFER)
                    .addListener(ChannelFutureListener.CLOSE));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        private void later(ChannelHandlerContext ctx, Duration delay, Runnable action) {
            long now = System.nanoTime();
            long due = Math.max(now + delay.toNanos(), lastDueNanos);
            lastDueNanos = due;
            if (due <= now) {
                action.run();
            } else {
                ctx.executor().schedule(action, due - now, TimeUnit.NANOSECONDS);
            }
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
