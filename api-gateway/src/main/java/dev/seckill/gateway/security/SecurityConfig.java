package dev.seckill.gateway.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seckill.gateway.ratelimit.RateLimitFilters;
import dev.seckill.web.ProblemWriter;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Who may do what. Shoppers and admins present a signed JWT; the user id is its {@code sub}.
 * Reading a sale is public; buying and reading orders need a token; {@code /api/admin/**} and the
 * actuator (beyond health probes) need the admin role. No sessions, no cookies, hence no CSRF.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http, GatewaySecurityProperties properties, ObjectMapper json,
            RateLimitFilters rateLimits, ManagementPort managementPort, JwtDecoder tokens) throws Exception {
        ProblemAuthenticationHandlers refusals = new ProblemAuthenticationHandlers(new ProblemWriter(json));
        String admin = properties.adminRole();
        // On a management port of its own (Kubernetes: reachable only from the monitoring namespace),
        // Prometheus scrapes without a token; on the public port the metrics stay admin-only.
        RequestMatcher scrapeOnManagementPort = request -> managementPort.isSeparateAndIs(request.getLocalPort())
                && "/actuator/prometheus".equals(request.getRequestURI());
        http.authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(scrapeOnManagementPort).permitAll()
                        .requestMatchers("/actuator/**").hasRole(admin)
                        .requestMatchers("/api/admin/**").hasRole(admin)
                        .requestMatchers(HttpMethod.GET, "/api/sales/*").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resource -> resource
                        .jwt(jwt -> jwt.decoder(new VerifiedTokens(tokens, properties.verifiedTokens()))
                                .jwtAuthenticationConverter(authorities(properties)))
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .cors(Customizer.withDefaults())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                // Per client IP before the token is even checked, so floods of bad tokens are limited too;
                // per user and globally only once the caller is known and allowed.
                .addFilterBefore(rateLimits.perClient(), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(rateLimits.perPurchase(), AuthorizationFilter.class);
        return http.build();
    }

    /** Roles from the configured claim become {@code ROLE_<role>} authorities. */
    private static JwtAuthenticationConverter authorities(GatewaySecurityProperties properties) {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(properties.rolesClaim());
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(GatewaySecurityProperties properties) {
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
