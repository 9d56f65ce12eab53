package dev.seckill.gateway;

/**
 * The way a request takes through the edge, in one place. The cheapest refusals come first, and
 * nothing that costs a Redis round trip or a downstream call happens before a cheaper check could
 * have refused the request.
 *
 * <ol>
 *   <li>Spring Security's filter chain, for every request ({@code identity.IdentityConfig}): security
 *       headers, CORS, then {@code soldout.SoldOutFilter} (a purchase of a sale flagged sold out is
 *       answered here, before its token is checked and before its body is read: that is the answer
 *       most purchases of a flash sale get, and it costs no signature, no parsing, no Redis round
 *       trip), then {@code ratelimit.ClientLimit} (per client address, before the token is checked,
 *       so floods of bad tokens are limited too), then the bearer token ({@code identity}) and the
 *       access rules.</li>
 *   <li>The matched route's own filters ({@code route.Routes}), ordered by the values below.</li>
 *   <li>Spring Cloud Gateway's own: NettyWriteResponseFilter (-1), RouteToRequestUrlFilter (10000),
 *       NettyRoutingFilter (last), which makes the call.</li>
 * </ol>
 */
public final class Steps {

    /** Size, content type, strict JSON, Bean Validation, ids, headers, query (input). */
    public static final int INPUT = -400;
    /** The shopper's own bucket in Redis: the one round trip a purchase may cost (ratelimit). */
    public static final int SHOPPER_LIMIT = -300;
    /** Everyone's purchases together, drawn locally and synchronised with Redis (ratelimit). */
    public static final int GLOBAL_LIMIT = -200;
    /** The call to seckill-service: only the gateway's own headers, the internal token, the breaker (route). */
    public static final int HOP = -100;

    private Steps() {
    }
}
