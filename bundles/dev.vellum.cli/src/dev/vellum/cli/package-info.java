/**
 * Vellum's headless command line: {@code vellum cli <command>}. Everything that needs no screen.
 * Exit codes: 0 ok, 1 findings, 2 usage error, 3 bad input.
 */
package dev.vellum.cli;
