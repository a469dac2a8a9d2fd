package dev.storyworld.client;

import java.net.URI;

/**
 * Development tokens from {@code POST /api/v1/dev/tokens}, which exists only on a service started with
 * {@code storyworld.dev-tokens.enabled=true} (the local run); never in production.
 */
public final class DevTokens {

    private DevTokens() {
    }

    /** A bearer token for user {@code userId}, signed by the service's dev key. */
    public static String mint(URI baseUri, long userId) {
        try (StoryworldClient anonymous = StoryworldClient.builder(baseUri).build()) {
            Call<String> call = anonymous.transport().call(Request.post("api/v1/dev/tokens",
                    new JsonFields.Body().put("user_id", userId).build()), json -> json.getString("token"));
            return Calls.join(call);
        }
    }
}
