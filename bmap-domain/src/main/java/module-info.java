/**
 * The pure core of bmaptool: block ranges, the bmap file format in every version
 * (1.0 to 2.x), checksum rules and the text forms upstream bmaptool prints. It
 * reads and writes streams only and knows nothing of files, devices or networks.
 */
module org.bmaptool.domain {
    requires transitive java.xml;

    exports org.bmaptool.domain.block;
    exports org.bmaptool.domain.checksum;
    exports org.bmaptool.domain.format;
    exports org.bmaptool.domain.sparse;
    exports org.bmaptool.domain.text;
}
