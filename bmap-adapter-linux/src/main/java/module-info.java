/**
 * The Linux kernel behind the ports: which parts of a file hold data (FIEMAP, else
 * SEEK_DATA/SEEK_HOLE), block-device safety (mounts, swap, holders, exclusive open,
 * removable disks) and write tuning through sysfs. All native calls go through one
 * jnr-ffi binding of libc, {@code org.bmaptool.linux.libc.LibC}.
 */
module org.bmaptool.linux {
    requires transitive org.bmaptool.ports;
    requires org.jnrproject.ffi;
    // jffi's native stub library ships in this module; without it nothing loads.
    requires org.jnrproject.jffi.nativelibs;

    exports org.bmaptool.linux;
    // jnr-ffi generates the class implementing LibC in an unnamed module, which must be
    // able to read the interface: this package holds that interface and nothing else.
    // The kernel classes that use it (org.bmaptool.linux.kernel) are not exported.
    exports org.bmaptool.linux.libc;
}
