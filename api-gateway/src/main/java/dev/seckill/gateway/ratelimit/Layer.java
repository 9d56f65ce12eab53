package dev.seckill.gateway.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Function;

/**
 * One kind of limit: its name (in metrics and in the refusal), the limit, and whose bucket a
 * request draws from ({@code null} when the layer does not apply to it).
 */
record Layer(String name, Limit limit, Function<HttpServletRequest, String> bucketOf) {
}
