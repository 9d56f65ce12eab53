package dev.seckill.gateway.ratelimit;

import dev.seckill.web.ProblemWriter;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Draws one token per layer, in order, and turns the request away with 429 at the first empty
 * bucket: no downstream call, a {@code Retry-After}, the limit in {@code RateLimit-*} headers, and
 * one count in {@code gateway.ratelimit.rejections}. Layers are ordered narrowest first, so a
 * shopper over their own limit does not also use up the global budget.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private final List<Layer> layers;
    private final String keyPrefix;
    private final Buckets buckets;
    private final ProblemWriter problems;
    /** One per layer, looked up once: under a flood every refusal counts. */
    private final Map<String, Counter> rejections;

    /** @param name tells this filter's instances apart; OncePerRequestFilter would otherwise run only the first */
    RateLimitFilter(String name, List<Layer> layers, String keyPrefix, Buckets buckets, ProblemWriter problems,
            MeterRegistry meters) {
        setBeanName(name);
        this.layers = layers;
        this.keyPrefix = keyPrefix;
        this.buckets = buckets;
        this.problems = problems;
        this.rejections = layers.stream().collect(Collectors.toMap(Layer::name, layer -> Counter
                .builder("gateway.ratelimit.rejections")
                .description("Requests turned away with 429, by the limit that was used up")
                .tag("limit", layer.name())
                .register(meters)));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (Layer layer : layers) {
            String bucket = layer.bucketOf().apply(request);
            if (bucket == null) {
                continue;
            }
            ConsumptionProbe probe = buckets.tryTake(keyPrefix + layer.name() + ":" + bucket, layer.limit());
            if (!probe.isConsumed()) {
                refuse(response, layer, probe);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletResponse response, Layer layer, ConsumptionProbe probe) throws IOException {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setHeader("RateLimit-Limit", Long.toString(layer.limit().capacity()));
        response.setHeader("RateLimit-Remaining", "0");
        response.setHeader("RateLimit-Reset", Long.toString(seconds));
        response.setHeader("RateLimit-Policy", layer.limit().policy());
        rejections.get(layer.name()).increment();
        ProblemDetail problem = ProblemWriter.problem(429, "rate-limited", "Too many requests",
                "the " + layer.name() + " limit of " + layer.limit().capacity() + " per "
                        + layer.limit().period().toSeconds() + " s is used up; retry in " + seconds + " s");
        problem.setProperty("limit", layer.name());
        problems.write(response, problem);
    }
}
