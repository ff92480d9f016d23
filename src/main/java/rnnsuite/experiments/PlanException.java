package rnnsuite.experiments;

/** A plan file that cannot be used as written; the message names the file, the place and the fix. */
public final class PlanException extends IllegalArgumentException {

    public PlanException(String message) {
        super(message);
    }
}
