package rnnsuite.report;

import tech.tablesaw.api.Table;

/** A search's tables as the report reads them: trials.csv, best.csv and the parameters' importance. */
public record SearchTables(Table trials, Table best, Table importance) {
}
