/** Gold items: reference answers kept apart from the items, and scoring against them. */
package dev.vellum.quality.gold;
