package dev.storyworld.web.problems;

import jakarta.annotation.Priority;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;

/**
 * A transaction that could not begin or commit (a commit on a connection the database dropped, say).
 * Jersey's own mapper for these handles only a web exception raised inside the transaction and
 * leaves the rest an unmapped 500; this one answers them like any other failure. Between mappers
 * of one exception type Jersey takes the lowest priority value: 1 puts this one ahead of its own.
 */
@Provider
@Priority(1)
public class TransactionFailureMapper implements ExceptionMapper<TransactionalException> {

    @Context
    Providers providers;

    @Override
    public Response toResponse(TransactionalException failure) {
        return providers.getExceptionMapper(Throwable.class).toResponse(failure);
    }
}
