package dev.storyworld.relationships;

import java.util.List;
import java.util.function.Predicate;

/** Advice for schema errors: the table of ORIGIN §3.5, matched on the error messages. */
final class Suggestions {

    static final String FALLBACK = "Review the error messages and adjust schema configuration";

    private record Rule(Predicate<String> matches, String suggestion) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(e -> e.contains("max") && e.contains("must be >=") && e.contains("min"),
                    "Swap min and max values, or adjust thresholds"),
            new Rule(e -> e.contains("Duplicate"), "Rename duplicate IDs to be unique"),
            new Rule(e -> e.contains("Overlapping") || e.contains("overlap"),
                    "Adjust tier ranges to eliminate overlaps"),
            new Rule(e -> e.contains("cannot be empty"), "Provide a valid non-empty ID"),
            new Rule(e -> e.contains("must be between 0 and 100"), "Adjust values to be within valid range (0-100)"),
            new Rule(e -> e.contains("at least one threshold"),
                    "Add at least one threshold value for the intimacy level"));

    private Suggestions() {
    }

    /** Each matching suggestion once, in table order; the fallback only when errors exist and none matched. */
    static List<String> forErrors(List<String> messages) {
        List<String> suggestions = RULES.stream()
                .filter(rule -> messages.stream().anyMatch(rule.matches()))
                .map(Rule::suggestion)
                .toList();
        return suggestions.isEmpty() && !messages.isEmpty() ? List.of(FALLBACK) : suggestions;
    }
}
