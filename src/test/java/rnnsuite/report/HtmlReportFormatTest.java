package rnnsuite.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlReportFormatTest {

    @Test
    void smallPValuesStayReadableInsteadOfRoundingToZero() {
        assertEquals("3.5E-5", HtmlReport.formatP(3.4702e-5));
        assertEquals("0.1836", HtmlReport.formatP(0.18360533));
        assertEquals("0.0010", HtmlReport.formatP(0.001));
        assertEquals("0.0000", HtmlReport.formatP(0.0));
        assertEquals("–", HtmlReport.formatP(Double.NaN));
    }
}
