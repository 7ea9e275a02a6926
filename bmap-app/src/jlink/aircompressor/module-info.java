// Generated with jdeps --generate-module-info from aircompressor 2.0.3 (which ships no
// descriptor); the name stays the one derived from the file name, which
// org.bmaptool.io requires. Its decoders use sun.misc.Unsafe, hence jdk.unsupported. The
// hadoop package needs Hadoop, which is not linked: bmaptool uses only the LZO decoder.
module aircompressor {
    requires jdk.unsupported;

    exports io.airlift.compress;
    exports io.airlift.compress.bzip2;
    exports io.airlift.compress.deflate;
    exports io.airlift.compress.gzip;
    exports io.airlift.compress.hadoop;
    exports io.airlift.compress.lz4;
    exports io.airlift.compress.lzo;
    exports io.airlift.compress.snappy;
    exports io.airlift.compress.zstd;
}
