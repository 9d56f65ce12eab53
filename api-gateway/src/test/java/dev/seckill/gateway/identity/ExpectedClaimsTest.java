package dev.seckill.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seckill.gateway.GatewayInFrontOfStub;
import dev.seckill.gateway.GatewayTestBase;
import dev.seckill.infra.platform.LocalTokens;
import dev.seckill.testsupport.ApiClient;
import dev.seckill.testsupport.ApiClient.ApiResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a token signed by the trusted key must also say, in front of a stub that counts the purchases
 * reaching it: a token that says the wrong thing is the gateway's own 401, and nothing behind it is called.
 */
class ExpectedClaimsTest {

    /** The default clock skew; Spring's own time check, which runs as well, would allow 60 s. */
    private static final Duration SKEW = Duration.ofSeconds(30);
    /** Past the skew but within Spring's 60 s, so only the configured skew refuses it. */
    private static final Duration BEYOND_SKEW = SKEW.plusSeconds(15);

    private static final AtomicLong SALES = new AtomicLong();
    @RegisterExtension
    static final GatewayInFrontOfStub EDGE = new GatewayInFrontOfStub();

    /** What is wrong with a token: a change to the claims of a good one. */
    enum Flaw {
        EXPIRED_BEYOND_THE_SKEW(claims -> claims.put("exp", secondsFromNow(BEYOND_SKEW.negated()))),
        NOT_YET_VALID_BEYOND_THE_SKEW(claims -> claims.put("nbf", secondsFromNow(BEYOND_SKEW))),
        NO_EXPIRY(claims -> claims.remove("exp")),
        ANOTHER_ISSUER(claims -> claims.put("iss", "https://identity.other.example")),
        ANOTHER_AUDIENCE(claims -> claims.put("aud", "another-api")),
        AUDIENCES_WITHOUT_THIS_API(claims -> claims.put("aud", List.of("another-api", "reports"))),
        NO_AUDIENCE(claims -> claims.remove("aud"));

        final Consumer<Map<String, Object>> change;

        Flaw(Consumer<Map<String, Object>> change) {
            this.change = change;
        }
    }

    @ParameterizedTest
    @EnumSource
    void aTokenThatSaysTheWrongThingIsRefusedAndGoesNoFurther(Flaw flaw) {
        long sale = SALES.incrementAndGet();

        ApiResponse answer = purchase(sale, token(flaw.change));

        assertThat(answer.isProblem(401, "unauthenticated")).as(answer.toString()).isTrue();
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(EDGE.seckill().calls(sale)).isZero();
    }

    @Test
    void aTokenExpiredWithinTheSkewIsStillAccepted() {
        long sale = SALES.incrementAndGet();

        ApiResponse answer = purchase(sale, token(claims -> claims.put("exp", secondsFromNow(SKEW.dividedBy(3).negated()))));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(EDGE.seckill().calls(sale)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"seckill.gateway.security.issuer", "seckill.gateway.security.audience"})
    void aGatewayNotToldWhoseTokensToAcceptDoesNotStart(String setting) {
        assertThatThrownBy(() -> GatewayTestBase.startGateway(Map.of(setting, ""))).hasStackTraceContaining(setting);
    }

    /**
     * A token of the local platform's claims for a shopper of its own, changed. Issued a while ago, so that an
     * {@code exp} in the recent past still comes after its {@code iat} (Spring refuses a token that ends before it begins).
     */
    private static String token(Consumer<Map<String, Object>> change) {
        Map<String, Object> claims = LocalTokens.claims("claims-" + UUID.randomUUID().toString().substring(0, 8), List.of(),
                Instant.now().minus(Duration.ofMinutes(10)), LocalTokens.DEFAULT_LIFETIME);
        change.accept(claims);
        return GatewayTestBase.TOKENS.sign(claims);
    }

    private static long secondsFromNow(Duration offset) {
        return Instant.now().plus(offset).getEpochSecond();
    }

    private static ApiResponse purchase(long sale, String token) {
        return EDGE.api().postJson("/api/sales/" + sale + "/purchases", ApiClient.bearer(token), "{\"quantity\":1}");
    }
}
