/**
 * The JAX-RS application at {@code /api/v1}; its bearer tokens are checked by {@code security}. The
 * subpackages, from the bottom up (each uses only those below it, {@code PackageLayersTest} holds them
 * to it): {@code http}, {@code problems}, {@code database}, {@code redis}, {@code security},
 * {@code limits}, {@code lifecycle}, then the features {@code worlds}, {@code scenes} and
 * {@code sessions}, each a boundary of resources with their request and answer records.
 */
package dev.storyworld.web;
