package dev.seckill.infra.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs RS256 JWTs the way an identity provider would, for the local platform only: the launcher's
 * {@code token} command, the demo and the tests. In production the gateway trusts an IdP's keys
 * instead and this class is never involved.
 */
public final class LocalTokens {

    public static final String ISSUER = "seckill-local";
    /** The API these tokens are for; the local gateway is told to expect it, as an identity provider's tokens name it. */
    public static final String AUDIENCE = "seckill-api";
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = BASE64URL.encodeToString(
            "{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final PrivateKey signingKey;

    public LocalTokens(PrivateKey signingKey) {
        this.signingKey = signingKey;
    }

    /** Tokens signed by a key nobody trusts, for tests of the refusal. */
    public static LocalTokens withUntrustedKey() {
        return new LocalTokens(newKeyPair().getPrivate());
    }

    public String shopper(String userId) {
        return sign(userId, List.of(), Instant.now(), DEFAULT_LIFETIME);
    }

    public String admin(String userId) {
        return sign(userId, List.of("admin"), Instant.now(), DEFAULT_LIFETIME);
    }

    /** A token issued at {@code issuedAt} that stays valid for {@code lifetime}; the past makes an expired one. */
    public String sign(String userId, List<String> roles, Instant issuedAt, Duration lifetime) {
        return sign(claims(userId, roles, issuedAt, lifetime));
    }

    /** The claims {@link #sign(String, List, Instant, Duration)} signs, in a map of one's own to change before {@link #sign(Map)}. */
    public static Map<String, Object> claims(String userId, List<String> roles, Instant issuedAt, Duration lifetime) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", userId);
        claims.put("roles", roles);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plus(lifetime).getEpochSecond());
        return claims;
    }

    /** A token of exactly these claims (times in epoch seconds), for tests of what the gateway makes of them. */
    public String sign(Map<String, Object> claims) {
        String signedPart = HEADER + "." + BASE64URL.encodeToString(json(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(signingKey);
            rsa.update(signedPart.getBytes(StandardCharsets.US_ASCII));
            return signedPart + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a token failed", e);
        }
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no RSA key generator in this JDK", e);
        }
    }

    private static byte[] json(Map<String, Object> claims) {
        try {
            return JSON.writeValueAsBytes(claims);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
