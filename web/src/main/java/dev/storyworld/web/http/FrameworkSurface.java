package dev.storyworld.web.http;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.util.Map;

/**
 * No endpoint answers that the contract does not document. The API's own Jersey application turns its
 * WADL off itself ({@code StoryworldApplication}); the server's applications beside it, such as the one
 * serving {@code /openapi}, are Jersey applications too and served {@code /openapi/application.wadl}.
 * Jersey reads its settings from system properties once allowed to, and each Jersey application reads
 * them when it starts: set here before the application's own servlets start, they reach the server's
 * applications, which start at their first request. An operator's own value of either property wins.
 */
@WebListener
public class FrameworkSurface implements ServletContextListener {

    /** {@code org.glassfish.jersey.CommonProperties.ALLOW_SYSTEM_PROPERTIES_PROVIDER}. */
    static final String ALLOW_SYSTEM_PROPERTIES = "jersey.config.allowSystemPropertiesProvider";
    /** {@code org.glassfish.jersey.server.ServerProperties.WADL_FEATURE_DISABLE}. */
    public static final String WADL_DISABLE = "jersey.config.server.wadl.disableWadl";

    @Override
    public void contextInitialized(ServletContextEvent started) {
        Map.of(ALLOW_SYSTEM_PROPERTIES, "true", WADL_DISABLE, "true").forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
    }
}
