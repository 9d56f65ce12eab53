package dev.seckill.gateway.security;

import dev.seckill.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Refusals by Spring Security happen in filters, before the controller advice; these give them the
 * same problem+json shape. The {@code WWW-Authenticate} header (RFC 6750) still comes from
 * Spring's own entry point.
 */
class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final ProblemWriter problems;

    ProblemAuthenticationHandlers(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        bearer.commence(request, response, e);
        String detail = request.getHeader("Authorization") == null
                ? "sign in: send 'Authorization: Bearer <token>'"
                : "the token is invalid, expired or not signed by a trusted issuer";
        problems.write(response, ProblemWriter.problem(401, "unauthenticated", "Unauthenticated", detail));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        problems.write(response, ProblemWriter.problem(403, "forbidden", "Forbidden",
                "this needs a role the token does not carry"));
    }
}
