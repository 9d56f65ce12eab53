package dev.seckill.seckill.audit;

import dev.seckill.api.PlainTokens;
import dev.seckill.web.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * One log line and one count of {@code seckill.admin.actions} for every call of an {@link Audited}
 * endpoint: which admin (the verified token's {@code sub}, which the gateway sends as
 * {@code X-User-Id}), which sale, and how it ended. The outcome is read from the answer rather than
 * from the action, so a call refused before the action ran (a malformed body, an id that is not
 * one) is recorded as refused just like one the action refused (no such sale, not quiescent), and
 * any fault as failed. A call that names no admin is refused before anything happens: no one could
 * be held to it.
 */
@Component
class AdminAudit implements HandlerInterceptor, WebMvcConfigurer {

    private static final String ADMIN = "X-User-Id";
    private static final Logger log = LoggerFactory.getLogger(AdminAudit.class);

    private final MeterRegistry meters;

    AdminAudit(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Only the admin API: a purchase costs one failed path match here, and is never looked at. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/admin/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String action = action(handler);
        // The admin's id goes into the log line, so it is held to the same rule as every user id.
        if (action != null && !PlainTokens.isValid(request.getHeader(ADMIN))) {
            // Spring skips afterCompletion of an interceptor whose preHandle threw: record it here.
            record(action, null, pathSaleId(request), 400, null);
            throw ApiException.invalidRequest("header " + ADMIN + ": " + PlainTokens.RULE);
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception unhandled) {
        String action = action(handler);
        if (action != null) {
            Long saleId = pathSaleId(request);
            record(action, request.getHeader(ADMIN), saleId != null ? saleId : createdSaleId(response), response.getStatus(),
                    unhandled);
        }
    }

    private void record(String action, String admin, Long saleId, int status, Exception unhandled) {
        String outcome = unhandled != null || status >= 500 ? "failed" : status >= 400 ? "refused" : "success";
        LoggingEventBuilder line = log.atInfo().addKeyValue("action", action);
        if (admin != null) {
            line = line.addKeyValue("admin", admin);
        }
        if (saleId != null) {
            line = line.addKeyValue("saleId", saleId);
        }
        line.addKeyValue("outcome", outcome).addKeyValue("status", status).log("admin action");
        // After the line: whoever sees the count can find its line.
        meters.counter("seckill.admin.actions", "action", action, "outcome", outcome).increment();
    }

    private static String action(Object handler) {
        Audited audited = handler instanceof HandlerMethod method ? method.getMethodAnnotation(Audited.class) : null;
        return audited == null ? null : audited.value();
    }

    /** Parsed rather than copied: the path's text is the client's, and only a number goes into the log. */
    private static Long pathSaleId(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map && map.get("saleId") instanceof String text ? number(text) : null;
    }

    /** A sale just created is where its answer's {@code Location} points: {@code /api/sales/<id>}. */
    private static Long createdSaleId(HttpServletResponse response) {
        String location = response.getHeader(HttpHeaders.LOCATION);
        return location == null ? null : number(location.substring(location.lastIndexOf('/') + 1));
    }

    private static Long number(String text) {
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
