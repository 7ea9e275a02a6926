package org.bmaptool.app.report;

/** The phases of a copy a progress display tells apart. */
public enum Phase {
    COPY, ZERO, SYNC, READ_BACK, DONE, FAILED
}
