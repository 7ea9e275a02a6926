package org.bmaptool.ports.signature;

/**
 * A small file read in full (a bmap or a signature) with the name the user knows it by,
 * for messages.
 */
public record FileContent(String name, byte[] bytes) {
}
