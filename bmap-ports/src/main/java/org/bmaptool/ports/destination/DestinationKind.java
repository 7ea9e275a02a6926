package org.bmaptool.ports.destination;

/** What a destination path turned out to be. */
public enum DestinationKind {
    REGULAR_FILE,
    BLOCK_DEVICE,
    CHARACTER_DEVICE
}
