/**
 * Who calls: the bearer token check that turns a verified JWT into the request's {@code Caller}, the keys of
 * verification and of dev tokens, and the dev token endpoint that exists only when switched on. Uses
 * {@code http} and {@code common}.
 */
package dev.storyworld.web.security;
