package dev.seckill.consumer.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Nothing fake runs unless chosen: without a payment provider the service does not start, and says what to set. */
class PaymentPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PaymentProperties.class)
    static class Payments {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Payments.class);

    @Test
    void withoutAProviderTheServiceRefusesToStartAndNamesTheSetting() {
        context.run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("seckill.payment.provider");
        });
    }

    @Test
    void aChosenProviderStarts() {
        context.withPropertyValues("seckill.payment.provider=fake").run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(PaymentProperties.class).provider()).isEqualTo(PaymentProperties.Provider.FAKE);
        });
        context.withPropertyValues("seckill.payment.provider=http", "seckill.payment.http.url=https://pay.example").run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(PaymentProperties.class).http().url()).hasHost("pay.example");
        });
    }
}
