package dev.storyworld.web.security;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.StreamSupport;

/**
 * The keys of token verification and, when dev tokens are on, of token signing. Decided once from
 * MicroProfile Config: an operator's verification key always wins; with dev tokens on and no key
 * configured, a key pair is generated at start (or the public half is derived from the configured
 * private key) and handed to MP-JWT through {@link DevTokenConfigSource}.
 */
public final class TokenKeys {

    public static final String DEV_ISSUER = "storyworld-dev";
    private static final Logger LOG = Logger.getLogger(TokenKeys.class.getName());
    static final String PUBLIC_KEY = "mp.jwt.verify.publickey";
    static final String PUBLIC_KEY_LOCATION = "mp.jwt.verify.publickey.location";
    static final String ISSUER = "mp.jwt.verify.issuer";

    private static volatile TokenKeys current;

    private final boolean devTokensEnabled;
    private final boolean verificationConfigured;
    private final String issuer;
    private final PrivateKey signingKey;
    private final String suppliedPublicKey;

    private TokenKeys(boolean devTokensEnabled, boolean verificationConfigured, String issuer,
                      PrivateKey signingKey, String suppliedPublicKey) {
        this.devTokensEnabled = devTokensEnabled;
        this.verificationConfigured = verificationConfigured;
        this.issuer = issuer;
        this.signingKey = signingKey;
        this.suppliedPublicKey = suppliedPublicKey;
    }

    public static TokenKeys current() {
        TokenKeys keys = current;
        if (keys == null) {
            synchronized (TokenKeys.class) {
                keys = current;
                if (keys == null) {
                    keys = decide(ConfigProvider.getConfig(TokenKeys.class.getClassLoader()));
                    current = keys;
                }
            }
        }
        return keys;
    }

    private static TokenKeys decide(Config config) {
        boolean devTokens = configured(config, "storyworld.dev-tokens.enabled").map(Boolean::parseBoolean).orElse(false);
        boolean operatorKey = configured(config, PUBLIC_KEY).isPresent()
                || configured(config, PUBLIC_KEY_LOCATION).isPresent();
        Optional<String> issuer = configured(config, ISSUER);
        if (!devTokens) {
            return new TokenKeys(false, operatorKey, issuer.orElse(null), null, null);
        }
        try {
            PrivateKey signing;
            PublicKey verifying;
            Optional<String> location = configured(config, "storyworld.dev-tokens.private-key-location");
            if (location.isPresent()) {
                signing = readOrCreatePrivateKey(location.get());
                verifying = publicKeyOf(signing);
            } else {
                var pair = newKeyPair();
                signing = pair.getPrivate();
                verifying = pair.getPublic();
            }
            return new TokenKeys(true, true, issuer.orElse(DEV_ISSUER), signing,
                    operatorKey ? null : pem("PUBLIC KEY", verifying.getEncoded()));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("Cannot prepare the dev token keys (an RSA PKCS#8 key is expected)", e);
        }
    }

    /** A value from every config source but ours, which is what answers the keys decided here. */
    private static Optional<String> configured(Config config, String key) {
        return StreamSupport.stream(config.getConfigSources().spliterator(), false)
                .filter(source -> !(source instanceof DevTokenConfigSource))
                .map((ConfigSource source) -> source.getValue(key))
                .filter(Objects::nonNull)
                .filter(value -> !value.isBlank())
                .findFirst();
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /**
     * The key at {@code location}; a missing file is created with a new key (readable by its owner
     * only), so that dev tokens stay valid across restarts with nothing to prepare.
     */
    private static PrivateKey readOrCreatePrivateKey(String location) throws GeneralSecurityException {
        Path path = path(location);
        if (Files.notExists(path)) {
            PrivateKey created = newKeyPair().getPrivate();
            try {
                Files.createDirectories(path.toAbsolutePath().getParent());
                Files.writeString(path, pem("PRIVATE KEY", created.getEncoded()), StandardCharsets.US_ASCII,
                        StandardOpenOption.CREATE_NEW);
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the new dev token private key to " + location, e);
            }
            LOG.info(() -> "Dev tokens: created a signing key at " + path.toAbsolutePath()
                    + "; tokens it signs stay valid across restarts");
            return created;
        }
        return readPrivateKey(location);
    }

    private static Path path(String location) {
        return Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
    }

    public static PrivateKey readPrivateKey(String location) throws GeneralSecurityException {
        Path path = path(location);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the dev token private key at " + location, e);
        }
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    /** The public half of an RSA private key (a PKCS#8 RSA key carries its modulus and public exponent). */
    public static PublicKey publicKeyOf(PrivateKey key) throws GeneralSecurityException {
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public boolean devTokensEnabled() {
        return devTokensEnabled;
    }

    /** Whether any token could ever be verified; without it the service must not start. */
    public boolean verificationConfigured() {
        return verificationConfigured;
    }

    public String issuer() {
        return issuer;
    }

    public PrivateKey signingKey() {
        return signingKey;
    }

    String suppliedPublicKey() {
        return suppliedPublicKey;
    }
}
