package dev.seckill.web.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param token the secret the gateway sends with every call and seckill-service requires. It has no
 *     default on purpose: it comes from the environment ({@code SECKILL_INTERNAL_TOKEN}) or a secret
 *     store, and a service started without one refuses to start rather than trust everyone
 */
@Validated
@ConfigurationProperties("seckill.internal")
public record InternalCallerProperties(@NotBlank @Size(min = 16) String token) {

    /** The header the token travels in, between the gateway and the services behind it only. */
    public static final String HEADER = "X-Internal-Token";
}
