/**
 * The registries through which the product finds installed plugins. Each is a DS component that
 * binds its services dynamically and rejects duplicate ids; plain JUnit builds them with {@code new}
 * and adds services by hand.
 */
package dev.vellum.core.registry;
