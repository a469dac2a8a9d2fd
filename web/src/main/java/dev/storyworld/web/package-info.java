/**
 * The JAX-RS application at {@code /api/v1}, secured by MicroProfile JWT. The subpackages are its
 * boundary: resources per feature ({@code worlds}, {@code scenes}, {@code sessions}) with their request and
 * answer records, and what every request passes through ({@code security}, {@code limits},
 * {@code problems}, {@code platform}).
 */
package dev.storyworld.web;
