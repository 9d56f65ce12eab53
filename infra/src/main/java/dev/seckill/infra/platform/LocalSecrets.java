package dev.seckill.infra.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The local platform's secrets, made once per run directory and kept there (git-ignored), never in
 * the code: the RSA key pair local tokens are signed with (the gateway gets only the public half)
 * and the token by which seckill-service knows a call came through the gateway.
 */
public final class LocalSecrets {

    private static final String PRIVATE_KEY = "jwt-signing-key.pem";
    private static final String PUBLIC_KEY = "jwt-public-key.pem";
    private static final String INTERNAL_TOKEN = "internal-token";

    private final Path dir;

    private LocalSecrets(Path dir) {
        this.dir = dir;
    }

    /** Reads the secrets in {@code dir}, creating whichever is missing. */
    public static synchronized LocalSecrets in(Path dir) {
        LocalSecrets secrets = new LocalSecrets(dir);
        try {
            Files.createDirectories(dir);
            if (!Files.exists(dir.resolve(PRIVATE_KEY)) || !Files.exists(dir.resolve(PUBLIC_KEY))) {
                KeyPair keys = LocalTokens.newKeyPair();
                secrets.writeOwnerOnly(PRIVATE_KEY, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
                secrets.writeOwnerOnly(PUBLIC_KEY, pem("PUBLIC KEY", keys.getPublic().getEncoded()));
            }
            if (!Files.exists(dir.resolve(INTERNAL_TOKEN))) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                secrets.writeOwnerOnly(INTERNAL_TOKEN, HexFormat.of().formatHex(random));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the local secrets in " + dir, e);
        }
        return secrets;
    }

    /** The X.509 public key in PEM, as Spring's {@code jwt.public-key-location} reads it. */
    public Path publicKeyFile() {
        return dir.resolve(PUBLIC_KEY);
    }

    public String internalToken() {
        return read(INTERNAL_TOKEN).trim();
    }

    public LocalTokens tokens() {
        String base64 = read(PRIVATE_KEY).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new LocalTokens(key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(dir.resolve(PRIVATE_KEY) + " is not an RSA private key; delete it to get a new pair", e);
        }
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeOwnerOnly(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Path partial = dir.resolve(name + ".tmp");
        Files.writeString(partial, content, StandardCharsets.US_ASCII);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
