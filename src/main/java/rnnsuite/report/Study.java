package rnnsuite.report;

import rnnsuite.data.DatasetSummary;

/**
 * What the report says about the study as a whole.
 *
 * @param name        the plan name (results folder)
 * @param description one line from the plan
 * @param command     the command that reproduces the study
 * @param data        the dataset card
 */
public record Study(String name, String description, String command, DatasetSummary data) {
}
