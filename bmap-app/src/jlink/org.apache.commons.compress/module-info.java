// The library's own descriptor, with java.desktop made optional (requires static): the
// paths bmaptool uses never touch it, and it would add about 19 MB to the image. The
// optional Brotli decoder (module dec) is left out: bmaptool does not read Brotli.
module org.apache.commons.compress {
    requires java.logging;
    requires org.apache.commons.codec;
    requires org.apache.commons.io;
    requires org.apache.commons.lang3;
    requires static com.github.luben.zstd_jni;
    requires static java.desktop;
    requires static org.objectweb.asm;
    requires static org.tukaani.xz;
    exports org.apache.commons.compress.archivers.ar;
    exports org.apache.commons.compress.archivers.arj;
    exports org.apache.commons.compress.archivers.cpio;
    exports org.apache.commons.compress.archivers.dump;
    exports org.apache.commons.compress.archivers.examples;
    exports org.apache.commons.compress.archivers.jar;
    exports org.apache.commons.compress.archivers.sevenz;
    exports org.apache.commons.compress.archivers.tar;
    exports org.apache.commons.compress.archivers.zip;
    exports org.apache.commons.compress.archivers;
    exports org.apache.commons.compress.changes;
    exports org.apache.commons.compress.compressors.brotli;
    exports org.apache.commons.compress.compressors.bzip2;
    exports org.apache.commons.compress.compressors.deflate64;
    exports org.apache.commons.compress.compressors.deflate;
    exports org.apache.commons.compress.compressors.gzip;
    exports org.apache.commons.compress.compressors.lz4;
    exports org.apache.commons.compress.compressors.lz77support;
    exports org.apache.commons.compress.compressors.lzma;
    exports org.apache.commons.compress.compressors.lzw;
    exports org.apache.commons.compress.compressors.pack200;
    exports org.apache.commons.compress.compressors.snappy;
    exports org.apache.commons.compress.compressors.xz;
    exports org.apache.commons.compress.compressors.z;
    exports org.apache.commons.compress.compressors.zstandard;
    exports org.apache.commons.compress.compressors;
    exports org.apache.commons.compress.harmony.archive.internal.nls;
    exports org.apache.commons.compress.harmony.pack200;
    exports org.apache.commons.compress.harmony.unpack200.bytecode.forms;
    exports org.apache.commons.compress.harmony.unpack200.bytecode;
    exports org.apache.commons.compress.harmony.unpack200;
    exports org.apache.commons.compress.java.util.jar;
    exports org.apache.commons.compress.parallel;
    exports org.apache.commons.compress.utils;
    exports org.apache.commons.compress;
    uses org.apache.commons.compress.archivers.ArchiveStreamProvider;
    uses org.apache.commons.compress.compressors.CompressorStreamProvider;
}
