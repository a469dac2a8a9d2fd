package dev.storyworld.web.http;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Keeps {@code /openapi} exactly the committed {@code META-INF/openapi.yaml}. Payara adds a
 * non-standard top-level {@code endpoints} map to every document, which generators refuse; its
 * model has no standard way to drop it, so its setter is called reflectively.
 */
public class CommittedOpenApi implements OASFilter {

    private static final Logger LOG = Logger.getLogger(CommittedOpenApi.class.getName());

    @Override
    public void filterOpenAPI(OpenAPI document) {
        try {
            document.getClass().getMethod("setEndpoints", Map.class).invoke(document, Map.of());
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            LOG.fine(() -> "No vendor endpoints to remove from the OpenAPI document: " + e);
        }
    }
}
