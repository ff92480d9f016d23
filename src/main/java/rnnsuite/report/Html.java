package rnnsuite.report;

import java.io.StringWriter;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.plotly.components.Figure;

/** The pages' HTML pieces: headings with their note, a chart, a table, escaped text, numbers, the style sheet. */
final class Html {

    private Html() {
    }

    /** A p-value: four decimals, or scientific notation below 0.001 so a small p never reads as 0. */
    static String formatP(double p) {
        return p < 0.001 && p > 0 ? format(p, "0.0E0") : format(p, "0.0000");
    }

    static String format(double value, String pattern) {
        return Double.isNaN(value) ? "–" : new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    static String transparent(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return String.format(Locale.ROOT, "rgba(%d,%d,%d,0.18)", rgb >> 16 & 255, rgb >> 8 & 255, rgb & 255);
    }

    static void section(StringBuilder html, String title, String note) {
        html.append("<h2>").append(escape(title)).append("</h2>\n<p class=\"note\">").append(note).append("</p>\n");
    }

    static String figure(String id, Figure figure) {
        // Tablesaw names a script variable after the id (target_<id>): anything but letters, digits and _ breaks the script
        String safe = id.replaceAll("\\W", "_");
        return "<div class=\"chart\">" + figure.divString(safe) + figure.asJavascript(safe) + "</div>\n";
    }

    /** A Tablesaw table as HTML, doubles shown with four decimals. */
    static String table(Table table) {
        Table shown = table.copy();
        for (var column : shown.columns()) {
            if (column instanceof DoubleColumn c) {
                c.setPrintFormatter(new DecimalFormat("0.0000", DecimalFormatSymbols.getInstance(Locale.ROOT)), "–");
            }
        }
        StringWriter out = new StringWriter();
        shown.write().usingOptions(HtmlWriteOptions.builder(out).build());
        return "<div class=\"table\">" + out + "</div>\n";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The reports' style sheet (a resource beside this class), read once. */
    static final String CSS = styleSheet();

    private static String styleSheet() {
        try (var in = Html.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing beside " + Html.class.getName() + " (a broken build)");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read report.css: " + e.getMessage(), e);
        }
    }
}
