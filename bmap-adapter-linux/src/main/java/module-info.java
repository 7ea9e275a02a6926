/**
 * The Linux kernel behind the ports: which parts of a file hold data (FIEMAP, else
 * SEEK_DATA/SEEK_HOLE), block-device safety (mounts, swap, holders, exclusive open,
 * removable disks) and write tuning through sysfs. All native calls go through JNR.
 */
module org.bmaptool.linux {
    requires transitive org.bmaptool.ports;
    requires org.jnrproject.ffi;
    requires org.jnrproject.constants;
    // jffi's native stub library ships in this module; without it nothing loads.
    requires org.jnrproject.jffi.nativelibs;

    exports org.bmaptool.linux;
    // jnr-ffi generates the binding classes in an unnamed module: the package holding
    // the binding interfaces must be readable by it.
    exports org.bmaptool.linux.kernel;
}
