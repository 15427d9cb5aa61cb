/** Agreement coefficients (Cohen's and Fleiss' kappa, Krippendorff's alpha) over reliability tables. */
package dev.vellum.quality.agreement;
