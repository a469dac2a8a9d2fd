package dev.storyworld.web.problems;

import dev.storyworld.web.http.Problem;
import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.Violation;
import dev.storyworld.web.http.JsonBinding;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Bean Validation failures, of resource or service methods, as 400 {@code invalid_request}. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException e) {
        List<Violation> violations = violations(e.getConstraintViolations());
        return new Problem(ErrorCode.INVALID_REQUEST, "The request breaks " + violations.size()
                + (violations.size() == 1 ? " rule" : " rules"), violations, null).toResponse();
    }

    /** Bean Validation's violations as the API names them: JSON paths, sorted. */
    public static List<Violation> violations(Set<? extends ConstraintViolation<?>> constraintViolations) {
        return constraintViolations.stream()
                .map(v -> new Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
    }

    /**
     * The JSON field a violation is about: the method node is dropped, a parameter that holds a
     * request body is dropped in favour of the body's property, list positions are written as
     * {@code nodes[3].key}, and Java names become snake_case.
     */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            boolean bodyParameter = node.getKind() == ElementKind.PARAMETER && i < nodes.size() - 1;
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR || bodyParameter) {
                continue;
            }
            if (node.isInIterable() && node.getIndex() != null && !names.isEmpty()) {
                names.set(names.size() - 1, names.get(names.size() - 1) + "[" + node.getIndex() + "]");
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                names.add(JsonBinding.jsonName(node.getName()));
            }
        }
        return names.isEmpty() ? "body" : String.join(".", names);
    }
}
