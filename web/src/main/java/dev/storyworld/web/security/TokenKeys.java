package dev.storyworld.web.security;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
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
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The keys of token verification and, when dev tokens are on, of token signing. Decided once from
 * MicroProfile Config with MicroProfile JWT's own keys ({@code mp.jwt.verify.publickey} as PEM,
 * {@code mp.jwt.verify.publickey.location} as a URL, a file or a class path resource, and
 * {@code mp.jwt.verify.issuer}): an operator's verification key always wins; with dev tokens on and no
 * key configured, the public half of the dev signing key verifies.
 */
public final class TokenKeys {

    public static final String DEV_ISSUER = "storyworld-dev";
    private static final Logger LOG = Logger.getLogger(TokenKeys.class.getName());
    static final String PUBLIC_KEY = "mp.jwt.verify.publickey";
    static final String PUBLIC_KEY_LOCATION = "mp.jwt.verify.publickey.location";
    static final String ISSUER = "mp.jwt.verify.issuer";

    private static volatile TokenKeys current;

    private final boolean devTokensEnabled;
    private final String issuer;
    private final PrivateKey signingKey;
    private final PublicKey verificationKey;

    private TokenKeys(boolean devTokensEnabled, String issuer, PrivateKey signingKey, PublicKey verificationKey) {
        this.devTokensEnabled = devTokensEnabled;
        this.issuer = issuer;
        this.signingKey = signingKey;
        this.verificationKey = verificationKey;
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
        Optional<String> issuer = configured(config, ISSUER);
        try {
            PublicKey operatorKey = configured(config, PUBLIC_KEY).map(TokenKeys::publicKeyFromPem)
                    .or(() -> configured(config, PUBLIC_KEY_LOCATION).map(TokenKeys::readPublicKey))
                    .orElse(null);
            if (!devTokens) {
                return new TokenKeys(false, issuer.orElse(null), null, operatorKey);
            }
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
            return new TokenKeys(true, issuer.orElse(DEV_ISSUER), signing, operatorKey != null ? operatorKey : verifying);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("Cannot prepare the token keys (RSA keys, PEM: PKCS#8 private, X.509 public)", e);
        }
    }

    private static Optional<String> configured(Config config, String key) {
        return config.getOptionalValue(key, String.class).filter(value -> !value.isBlank());
    }

    /** A PEM public key ("-----BEGIN PUBLIC KEY-----", X.509 SubjectPublicKeyInfo) of RSA. */
    static PublicKey publicKeyFromPem(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The token verification key is not an RSA public key in PEM", e);
        }
    }

    /** The bytes a PEM text carries between its BEGIN and END lines. */
    private static byte[] der(String pem) {
        return Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    /** The PEM at a location as MicroProfile JWT reads it: a URL (file:, http:...), a file path, or a class path resource. */
    static PublicKey readPublicKey(String location) {
        try (InputStream in = open(location)) {
            return publicKeyFromPem(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the token verification key at " + location, e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.matches("[a-zA-Z][a-zA-Z0-9+.-]+:.*") && !location.startsWith("classpath:")) {
            return URI.create(location).toURL().openStream();
        }
        String resource = location.replaceFirst("^classpath:", "").replaceFirst("^/", "");
        Path file = Path.of(location);
        if (!location.startsWith("classpath:") && Files.exists(file)) {
            return Files.newInputStream(file);
        }
        InputStream in = TokenKeys.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("no file, URL or class path resource " + location);
        }
        return in;
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
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(text)));
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
        return verificationKey != null;
    }

    public String issuer() {
        return issuer;
    }

    public PrivateKey signingKey() {
        return signingKey;
    }

    /** The key that verifies bearer tokens; null when none is configured (the service then refuses to start). */
    public PublicKey verificationKey() {
        return verificationKey;
    }
}
