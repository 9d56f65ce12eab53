package dev.seckill.gateway.identity;

import dev.seckill.gateway.problem.GatewayProblem;
import dev.seckill.gateway.problem.Refusal;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's refusals become {@link Refusal}s, written by the one problem handler like every
 * other. The {@code WWW-Authenticate} challenge follows RFC 6750: bare without a token, with
 * {@code invalid_token} when one was sent and failed.
 */
class IdentityRefusals implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException e) {
        boolean sentOne = exchange.getRequest().getHeaders().containsKey(HttpHeaders.AUTHORIZATION);
        Refusal refusal = sentOne
                ? new Refusal(GatewayProblem.UNAUTHENTICATED,
                        "the token is invalid, expired or not signed by a trusted issuer")
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                : new Refusal(GatewayProblem.UNAUTHENTICATED, "sign in: send 'Authorization: Bearer <token>'")
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return Mono.error(refusal);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException e) {
        return Mono.error(new Refusal(GatewayProblem.FORBIDDEN, "this needs a role the token does not carry"));
    }
}
