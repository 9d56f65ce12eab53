package dev.seckill.gateway.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seckill.web.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * The two places limits apply. Not beans themselves: as beans, Spring Boot would also register
 * them as plain servlet filters and every request would pay twice. The security configuration puts
 * them into its filter chain.
 */
@Component
public class RateLimitFilters {

    private static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
    private static final RequestMatcher PURCHASE = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.POST, "/api/sales/{saleId}/purchases");

    private final RateLimitFilter perClient;
    private final RateLimitFilter perPurchase;

    RateLimitFilters(RateLimitProperties properties, Buckets buckets, ObjectMapper json, MeterRegistry meters) {
        ProblemWriter problems = new ProblemWriter(json);
        this.perClient = new RateLimitFilter("rateLimitPerClient", List.of(
                new Layer("client", properties.perClient(), request -> API.matches(request) ? request.getRemoteAddr() : null)),
                properties.keyPrefix(), buckets, problems, meters);
        this.perPurchase = new RateLimitFilter("rateLimitPerPurchase", List.of(
                new Layer("user", properties.perUser(), request -> PURCHASE.matches(request) ? userOf() : null),
                new Layer("global", properties.global(), request -> PURCHASE.matches(request) ? "all" : null)),
                properties.keyPrefix(), buckets, problems, meters);
    }

    /** Every call to {@code /api/**} from one client address, before authentication. */
    public Filter perClient() {
        return perClient;
    }

    /** Purchases, per verified shopper and all together, after authorization. */
    public Filter perPurchase() {
        return perPurchase;
    }

    private static String userOf() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? null : authentication.getName();
    }
}
