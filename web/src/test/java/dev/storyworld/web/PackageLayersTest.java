package dev.storyworld.web;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds {@code web}'s packages to their layers, read by {@code jdeps} from the compiled classes: every
 * package uses only packages of lower layers (the features stand side by side and use none of each
 * other), so there is no cycle and no arrow back up. A new package must be placed here to compile in.
 */
class PackageLayersTest {

    private static final String WEB = "dev.storyworld.web";

    /** Bottom first; packages of one entry may not use each other. */
    private static final List<Set<String>> LAYERS = List.of(
            Set.of("http"),
            Set.of("problems"),
            Set.of("database", "redis"),
            Set.of("security"),
            Set.of("limits"),
            Set.of("lifecycle"),
            Set.of("live"),
            Set.of("worlds", "scenes", "sessions"),
            Set.of(""));

    private static final Pattern ARROW = Pattern.compile(
            "^\\s*" + Pattern.quote(WEB) + "(\\.\\w+)?\\s+->\\s+" + Pattern.quote(WEB) + "(\\.\\w+)?\\s");

    @Test
    void everyPackageUsesOnlyLowerLayers() {
        Set<String> arrows = packageArrows();
        assertThat(arrows).as("jdeps found web's package arrows").isNotEmpty();
        List<String> upward = new ArrayList<>();
        for (String arrow : arrows) {
            String[] ends = arrow.split(" -> ");
            if (layer(ends[0]) <= layer(ends[1])) {
                upward.add(arrow);
            }
        }
        assertThat(upward).as("package arrows that do not point to a lower layer").isEmpty();
    }

    private static int layer(String subpackage) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(subpackage)) {
                return i;
            }
        }
        throw new AssertionError("Package " + WEB + "." + subpackage + " has no layer in " + PackageLayersTest.class.getSimpleName());
    }

    private static Set<String> packageArrows() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err),
                "-verbose:package", "-e", Pattern.quote(WEB) + "(\\..*)?", "target/classes");
        assertThat(status).as("jdeps: " + err).isZero();
        Set<String> arrows = new TreeSet<>();
        for (String line : out.toString().split("\\R")) {
            Matcher arrow = ARROW.matcher(line);
            if (arrow.find()) {
                String from = name(arrow.group(1));
                String to = name(arrow.group(2));
                if (!from.equals(to)) {
                    arrows.add(from + " -> " + to);
                }
            }
        }
        return arrows;
    }

    private static String name(String suffix) {
        return suffix == null ? "" : suffix.substring(1);
    }
}
