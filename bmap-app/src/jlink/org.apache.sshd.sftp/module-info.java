module org.apache.sshd.sftp {
    requires transitive org.apache.sshd.osgi;
    requires transitive org.slf4j;

    exports org.apache.sshd.sftp;
    exports org.apache.sshd.sftp.client;
    exports org.apache.sshd.sftp.client.extensions;
    exports org.apache.sshd.sftp.client.extensions.helpers;
    exports org.apache.sshd.sftp.client.extensions.openssh;
    exports org.apache.sshd.sftp.client.extensions.openssh.helpers;
    exports org.apache.sshd.sftp.client.fs;
    exports org.apache.sshd.sftp.client.fs.impl;
    exports org.apache.sshd.sftp.client.impl;
    exports org.apache.sshd.sftp.common;
    exports org.apache.sshd.sftp.common.extensions;
    exports org.apache.sshd.sftp.common.extensions.openssh;
    exports org.apache.sshd.sftp.server;


}
