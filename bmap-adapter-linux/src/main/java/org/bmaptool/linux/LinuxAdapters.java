package org.bmaptool.linux;

import org.bmaptool.linux.destination.LinuxDestinations;
import org.bmaptool.linux.extents.KernelFileExtents;
import org.bmaptool.linux.readback.UncachedFileReader;
import org.bmaptool.ports.destination.Destinations;
import org.bmaptool.ports.extents.FileExtentsProbe;
import org.bmaptool.ports.readback.UncachedReader;

/**
 * The Linux adapters, as the application wires them: each method returns a port whose
 * implementation stays inside this module.
 */
public final class LinuxAdapters {

    private LinuxAdapters() {
    }

    /** Which byte ranges of a file hold data, asked of the kernel. */
    public static FileExtentsProbe fileExtentsProbe() {
        return new KernelFileExtents();
    }

    /** Files and block devices, opened after every safety check. */
    public static Destinations destinations() {
        return new LinuxDestinations();
    }

    /** Files and devices read back from the medium, past the page cache. */
    public static UncachedReader uncachedReader() {
        return new UncachedFileReader();
    }
}
