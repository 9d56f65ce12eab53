package dev.seckill.web.internal;

import dev.seckill.web.ProblemWriter;
import dev.seckill.web.WebProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets an API call in only when it carries the internal token, i.e. came through the gateway, which
 * has verified the shopper and sets the user id header itself. Anyone else reaching the service
 * directly could otherwise name any user id they like.
 */
class InternalCallerFilter extends OncePerRequestFilter {

    private final byte[] token;
    private final ProblemWriter problems;

    InternalCallerFilter(InternalCallerProperties properties, ProblemWriter problems) {
        this.token = properties.token().getBytes(StandardCharsets.UTF_8);
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(InternalCallerProperties.HEADER);
        // Constant-time comparison: the time taken must not tell how much of a guess was right.
        if (presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(request, response);
            return;
        }
        problems.write(response, ProblemWriter.problem(WebProblem.UNAUTHENTICATED,
                "this service answers only calls through the gateway"));
    }
}
