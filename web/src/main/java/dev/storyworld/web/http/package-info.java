/**
 * The HTTP contract every resource shares, at the bottom of {@code web}: the error shape ({@code Problem},
 * RFC 9457 with a stable {@code error} code), the request body policy and its JSON binding, request ids,
 * path ids, query parameters, paging cursors and keysets, {@code 201 Created}, container error pages and the
 * committed OpenAPI document. Uses {@code common} only.
 */
package dev.storyworld.web.http;
