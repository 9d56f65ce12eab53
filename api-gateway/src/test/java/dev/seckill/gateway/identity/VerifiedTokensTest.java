package dev.seckill.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seckill.infra.platform.LocalSecrets;
import dev.seckill.infra.platform.LocalTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** The real decoder with the local platform's key, counted: how often a signature is really checked. */
class VerifiedTokensTest {

    private static final LocalSecrets SECRETS = LocalSecrets.in(
            Path.of("target", "secrets-" + ProcessHandle.current().pid()).toAbsolutePath());
    private static final LocalTokens TOKENS = SECRETS.tokens();

    private final AtomicInteger checks = new AtomicInteger();
    private VerifiedTokens cache;

    @BeforeEach
    void decoder() throws Exception {
        ReactiveJwtDecoder real = NimbusReactiveJwtDecoder.withPublicKey(publicKey()).build();
        ReactiveJwtDecoder counted = token -> {
            checks.incrementAndGet();
            return real.decode(token);
        };
        cache = new VerifiedTokens(counted, "roles", 1_000);
    }

    @Test
    void aTokenSeenBeforeIsNotCheckedAgain() {
        String token = TOKENS.shopper("alice");

        assertThat(decode(token).getSubject()).isEqualTo("alice");
        assertThat(decode(token).getSubject()).isEqualTo("alice");

        assertThat(checks).hasValue(1);
    }

    @Test
    void aRememberedTokenReadsAsTheCheckedOne() {
        String token = TOKENS.admin("carol");
        Jwt checked = decode(token);

        Jwt remembered = decode(token);

        assertThat(checks).hasValue(1);
        assertThat(remembered).isNotSameAs(checked);
        assertThat(remembered.getTokenValue()).isEqualTo(token);
        assertThat(remembered.getSubject()).isEqualTo("carol");
        assertThat(remembered.getExpiresAt()).isEqualTo(checked.getExpiresAt());
        assertThat(remembered.getClaimAsStringList("roles")).isEqualTo(checked.getClaimAsStringList("roles")).contains("admin");
        assertThat(remembered.getHeaders()).containsEntry("alg", "RS256");
    }

    @Test
    void aTokenChangedInOneCharacterIsCheckedAndRefused() {
        String token = TOKENS.shopper("alice");
        decode(token);
        // In the middle of the signature: the last character carries padding bits a decoder may ignore.
        int at = token.lastIndexOf('.') + 10;
        String forged = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);

        assertThatThrownBy(() -> decode(forged)).isInstanceOf(JwtException.class);
        assertThat(checks).hasValue(2);
    }

    @Test
    void aTokenPastItsExpiryIsCheckedEveryTime() {
        // Expired ten seconds ago: within the decoder's clock skew, so it still passes, but it is not remembered.
        String token = TOKENS.sign("bob", List.of(), Instant.now().minus(Duration.ofMinutes(5)), Duration.ofMinutes(5).minusSeconds(10));

        decode(token);
        decode(token);

        assertThat(checks).hasValue(2);
    }

    @Test
    void aRefusedTokenIsNotRemembered() {
        String untrusted = LocalTokens.withUntrustedKey().shopper("mallory");

        assertThatThrownBy(() -> decode(untrusted)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decode(untrusted)).isInstanceOf(JwtException.class);
        assertThat(checks).hasValue(2);
    }

    /** The test thread may wait; the gateway never does. */
    private Jwt decode(String token) {
        return cache.decode(token).block();
    }

    private static RSAPublicKey publicKey() throws Exception {
        String pem = Files.readString(SECRETS.publicKeyFile()).replaceAll("-----[A-Z ]+-----|\\s", "");
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
}
