package dev.seckill.gateway.input;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize the largest request body the gateway reads. The largest real body, a new sale,
 *     is a few hundred bytes
 */
@ConfigurationProperties("seckill.gateway.input")
public record InputProperties(@DefaultValue("4KB") DataSize maxBodySize) {
}
