package dev.seckill.gateway.identity;

import dev.seckill.gateway.apidocs.ApiDocsPaths;
import dev.seckill.gateway.ratelimit.ClientLimit;
import dev.seckill.gateway.soldout.SoldOutFilter;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Who may do what. Shoppers and admins present a signed JWT; the user id is its {@code sub}.
 * Reading a sale and the API's document is public; buying and reading orders need a token;
 * {@code /api/admin/**} and the actuator (beyond health probes) need the admin role. No sessions, no
 * cookies, hence no CSRF, and nothing is ever kept in a web session (it would cost a session object
 * per request).
 */
@Configuration(proxyBeanMethods = false)
class IdentityConfig {

    @Bean
    static IssuerAsText issuerAsText() {
        return new IssuerAsText();
    }

    @Bean
    SecurityWebFilterChain edge(ServerHttpSecurity http, GatewaySecurityProperties properties, ReactiveJwtDecoder tokens,
            SoldOutFilter soldOut, ClientLimit clientLimit, ManagementPort managementPort) {
        IdentityRefusals refusals = new IdentityRefusals();
        String admin = properties.adminRole();
        // On a management port of its own (Kubernetes: reachable only from the monitoring namespace),
        // Prometheus scrapes without a token; on the public port the metrics stay admin-only.
        ServerWebExchangeMatcher scrapeOnManagementPort = exchange ->
                managementPort.isSeparateAndServes(exchange) && "/actuator/prometheus".equals(exchange.getRequest().getPath().value())
                        ? MatchResult.match() : MatchResult.notMatch();
        return http
                .authorizeExchange(exchanges -> exchanges
                        // Rules are tried in order, one reactive match each: the flood comes first.
                        .pathMatchers(HttpMethod.POST, "/api/sales/*/purchases").authenticated()
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .matchers(scrapeOnManagementPort).permitAll()
                        .pathMatchers("/actuator/**").hasRole(admin)
                        .pathMatchers("/api/admin/**").hasRole(admin)
                        .pathMatchers(HttpMethod.GET, "/api/sales/*").permitAll()
                        .pathMatchers(HttpMethod.GET, ApiDocsPaths.DOCUMENT, ApiDocsPaths.UI, ApiDocsPaths.UI + "/*").permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(resource -> resource
                        .bearerTokenConverter(new BearerTokens())
                        .jwt(jwt -> jwt.jwtDecoder(new VerifiedTokens(tokens, properties.rolesClaim(), properties.verifiedTokens()))
                                .jwtAuthenticationConverter(authorities(properties)))
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .cors(cors -> cors.configurationSource(cors(properties)))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                // A sold-out sale's answer first, the cheapest of all (soldout.SoldOutFilter); then the
                // client address's bucket before the token is even checked, so floods of bad tokens are limited too.
                .addFilterAfter(soldOut::filter, SecurityWebFiltersOrder.CORS)
                .addFilterBefore(clientLimit::filter, SecurityWebFiltersOrder.AUTHENTICATION)
                .build();
    }

    /** Roles from the configured claim become {@code ROLE_<role>} authorities. */
    private static ReactiveJwtAuthenticationConverterAdapter authorities(GatewaySecurityProperties properties) {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(properties.rolesClaim());
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    private static CorsConfigurationSource cors(GatewaySecurityProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key"));
        cors.setExposedHeaders(List.of("Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining",
                "RateLimit-Reset", "RateLimit-Policy"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}
