/**
 * The quality dashboard's numbers ({@link dev.vellum.quality.report.QualityData}), its charts
 * ({@link dev.vellum.quality.report.Charts}), their export to PNG and SVG
 * ({@link dev.vellum.quality.report.ChartExport}) and the self-contained HTML report
 * ({@link dev.vellum.quality.report.HtmlReport}). AWT and JFreeChart only, no SWT: the CLI and the
 * workbench draw the same charts.
 */
package dev.vellum.quality.report;
