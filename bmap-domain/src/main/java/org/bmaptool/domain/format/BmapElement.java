package org.bmaptool.domain.format;

/**
 * The elements of the bmap format below {@code <bmap>}: the header's and {@code <BlockMap>}.
 * The {@code neededByRanges} ones must come before {@code <BlockMap>}.
 */
enum BmapElement {
    IMAGE_SIZE("ImageSize", true),
    BLOCK_SIZE("BlockSize", true),
    BLOCKS_COUNT("BlocksCount", true),
    MAPPED_BLOCKS_COUNT("MappedBlocksCount", false),
    CHECKSUM_TYPE("ChecksumType", true),
    BMAP_FILE_CHECKSUM("BmapFileChecksum", false),
    BMAP_FILE_SHA1("BmapFileSHA1", false),
    BLOCK_MAP("BlockMap", false);

    final String xmlName;
    final boolean neededByRanges;

    BmapElement(String xmlName, boolean neededByRanges) {
        this.xmlName = xmlName;
        this.neededByRanges = neededByRanges;
    }

    static BmapElement named(String xmlName) {
        for (BmapElement element : values()) {
            if (element.xmlName.equals(xmlName)) {
                return element;
            }
        }
        return null;
    }
}
