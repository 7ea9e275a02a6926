/**
 * Where images come from: local files and standard input, compressed streams decoded on
 * the fly, and remote files. Also the small files beside an image (bmaps, signatures).
 */
module org.bmaptool.io {
    requires transitive org.bmaptool.ports;
    requires org.apache.commons.compress;
    requires org.bouncycastle.pg;
    requires java.net.http;
    requires org.apache.sshd.osgi;
    requires org.apache.sshd.sftp;

    exports org.bmaptool.io;
}
