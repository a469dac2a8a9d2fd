package dev.storyworld.web.http;


import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One keyset page: the query is asked for one row more than the page holds, and only when that
 * row exists does the page carry a cursor, signed for this caller and query.
 */
public record Keyset<T>(List<T> items, String nextCursor) {

    public static <T> Keyset<T> page(Cursors cursors, long userId, String query, int limit,
                                     Function<Integer, List<T>> fetchRows, ToLongFunction<T> idOf) {
        return of(cursors, userId, query, limit, fetchRows.apply(limit + 1), idOf);
    }

    /** The page for rows fetched already, {@code limit + 1} of them at most. */
    public static <T> Keyset<T> of(Cursors cursors, long userId, String query, int limit, List<T> rows,
                                   ToLongFunction<T> idOf) {
        if (rows.size() <= limit) {
            return new Keyset<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Keyset<>(items, cursors.issue(userId, query, idOf.applyAsLong(items.get(limit - 1))));
    }

    /** The id a page resumes after, or null for the first page. */
    public static Long after(Cursors cursors, long userId, String query, String cursor) {
        return cursor == null || cursor.isEmpty() ? null : cursors.resume(userId, query, cursor);
    }
}
