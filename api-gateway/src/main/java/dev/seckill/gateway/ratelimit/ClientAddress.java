package dev.seckill.gateway.ratelimit;

import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Whose address a request comes from, for the per-client limit: the TCP peer, unless the peer is a
 * trusted proxy; then the nearest address in {@code X-Forwarded-For} that is not one, walking from
 * the right as Tomcat's RemoteIpValve did. Anyone can write that header, so it counts only when a
 * proxy of ours passed it on. Reactor Netty's own forwarded-header support would believe any peer.
 * Only address literals are read: a name would need a DNS lookup.
 */
@Component
class ClientAddress {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<Range> trusted;

    ClientAddress(RateLimitProperties properties) {
        this.trusted = properties.trustedProxies().stream().map(Range::parse).toList();
    }

    String of(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        if (peer == null || peer.getAddress() == null) {
            return "unknown";
        }
        byte[] address = peer.getAddress().getAddress();
        List<String> forwarded = request.getHeaders().get(FORWARDED_FOR);
        if (forwarded == null || !isTrusted(address)) {
            return peer.getAddress().getHostAddress();
        }
        String client = peer.getAddress().getHostAddress();
        for (int h = forwarded.size() - 1; h >= 0; h--) {
            String[] hops = forwarded.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                byte[] hop = NetUtil.createByteArrayFromIpAddressString(hops[i].trim());
                if (hop == null) {
                    return client;
                }
                client = hops[i].trim();
                if (!isTrusted(hop)) {
                    return client;
                }
            }
        }
        return client;
    }

    private boolean isTrusted(byte[] address) {
        for (Range range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** An address range in CIDR notation, e.g. {@code 10.0.0.0/8}. */
    record Range(byte[] network, int prefixLength) {

        static Range parse(String cidr) {
            int slash = cidr.indexOf('/');
            byte[] network = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? cidr : cidr.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("not an address range: " + cidr);
            }
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            return new Range(network, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefixLength / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest);
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
