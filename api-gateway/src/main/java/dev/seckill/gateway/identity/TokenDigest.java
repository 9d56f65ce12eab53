package dev.seckill.gateway.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A token's SHA-256, as four longs: what {@link VerifiedTokens} keys a checked token by instead of its
 * several hundred characters. A collision-resistant digest of the whole token, so a token that differs
 * anywhere (header, claims or signature) is another key and gets the full check.
 */
record TokenDigest(long first, long second, long third, long fourth) {

    // One MessageDigest per thread: getInstance looks the provider up each time, and the edge's few
    // event loops each hash thousands of tokens a second.
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(TokenDigest::sha256);

    static TokenDigest of(String token) {
        ByteBuffer hash = ByteBuffer.wrap(SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
        return new TokenDigest(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
