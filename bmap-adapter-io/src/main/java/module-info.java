/**
 * Where images come from: local files and standard input, compressed streams decoded on
 * the fly, and remote files. Also the small files beside an image (bmaps, signatures).
 */
module org.bmaptool.io {
    requires transitive org.bmaptool.ports;
    requires org.apache.commons.compress;
    requires org.tukaani.xz;
    requires com.github.luben.zstd_jni;
    requires aircompressor;
    // The system's liblzma and libbz2, where they load; jffi's native stub ships in nativelibs.
    requires org.jnrproject.ffi;
    requires org.jnrproject.jffi.nativelibs;
    requires org.bouncycastle.pg;
    requires java.net.http;
    requires org.apache.sshd.osgi;
    requires org.apache.sshd.sftp;

    exports org.bmaptool.io;
    // jnr-ffi generates the binding classes in an unnamed module: it must read the interfaces.
    exports org.bmaptool.io.compression.nativelib;
}
