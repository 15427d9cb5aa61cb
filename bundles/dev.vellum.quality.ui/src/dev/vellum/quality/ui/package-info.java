/** The quality views: Problems, Dashboard, Review and Queue. */
package dev.vellum.quality.ui;
