package dev.seckill.gateway.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seckill.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bodies larger than any the API takes are refused (413) before anything reads them; a body without
 * a declared length (chunked) is refused with 411, so no stream has to be counted while parsing.
 * The largest real body, a new sale, is a few hundred bytes.
 */
@Configuration(proxyBeanMethods = false)
class BodySizeLimit {

    /** @param maxBodySize the largest request body the gateway reads */
    @ConfigurationProperties("seckill.gateway.input")
    record InputProperties(@DefaultValue("4KB") DataSize maxBodySize) {
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> bodySizeLimitFilter(InputProperties properties, ObjectMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new Filter(properties.maxBodySize().toBytes(), new ProblemWriter(json)));
        registration.addUrlPatterns("/api/*");
        // Before Spring Security's chain: refusing an oversized body costs nothing, checking a token costs a signature.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    private static final class Filter extends OncePerRequestFilter {

        private final long maxBytes;
        private final ProblemWriter problems;

        Filter(long maxBytes, ProblemWriter problems) {
            this.maxBytes = maxBytes;
            this.problems = problems;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            long length = request.getContentLengthLong();
            if (length > maxBytes) {
                problems.write(response, ProblemWriter.problem(413, "payload-too-large", "Payload too large",
                        "the body has " + length + " bytes; the limit is " + maxBytes));
                return;
            }
            if (length < 0 && request.getHeader("Transfer-Encoding") != null) {
                problems.write(response, ProblemWriter.problem(411, "length-required", "Length required",
                        "send the body with a Content-Length"));
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
