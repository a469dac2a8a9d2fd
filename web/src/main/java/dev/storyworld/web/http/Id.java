package dev.storyworld.web.http;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.web.http.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * A path id, bound by JAX-RS: a positive 64-bit integer, or 400 {@code invalid_id} before the
 * resource method runs (left to itself, JAX-RS would answer a path value it cannot convert with 404).
 */
public record Id(long value) {

    /** A refusal, not a bug: no stack trace (JAX-RS stacks are deep, and anyone can send bad ids). */
    static final class NotAnId extends WebApplicationException {
        NotAnId() {
            super(Problem.of(ErrorCode.INVALID_ID, "The id must be a positive 64-bit integer").toResponse());
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    @Provider
    public static final class Parameters implements ParamConverterProvider {

        private static final ParamConverter<Id> IDS = new ParamConverter<>() {
            @Override
            public Id fromString(String raw) {
                return new Id(RequestParams.positiveLong(raw).orElseThrow(NotAnId::new));
            }

            @Override
            public String toString(Id id) {
                return Long.toString(id.value());
            }
        };

        @Override
        @SuppressWarnings("unchecked")
        public <T> ParamConverter<T> getConverter(Class<T> type, Type genericType, Annotation[] annotations) {
            return type == Id.class ? (ParamConverter<T>) IDS : null;
        }
    }
}
