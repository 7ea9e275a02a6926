package org.bmaptool.linux;

import org.bmaptool.linux.destination.LinuxDestinations;
import org.bmaptool.linux.extents.KernelFileExtents;
import org.bmaptool.linux.kernel.Kernel;
import org.bmaptool.linux.readback.UncachedFileReader;
import org.bmaptool.ports.destination.Destinations;
import org.bmaptool.ports.extents.FileExtentsProbe;
import org.bmaptool.ports.readback.UncachedReader;

/**
 * The Linux adapters, as the application wires them: each method returns a port whose
 * implementation stays inside this module. The one place that makes the real libc
 * binding, on first use: generating it costs a fraction of a second of CPU, so only the
 * commands that map a file, open a block device or read one back pay for it.
 */
public final class LinuxAdapters {

    private LinuxAdapters() {
    }

    /** Which byte ranges of a file hold data, asked of the kernel. */
    public static FileExtentsProbe fileExtentsProbe() {
        return new KernelFileExtents(LinuxAdapters::kernel);
    }

    /** Files and block devices, opened after every safety check. */
    public static Destinations destinations() {
        return new LinuxDestinations(LinuxAdapters::kernel);
    }

    /** Files and devices read back from the medium, past the page cache. */
    public static UncachedReader uncachedReader() {
        return new UncachedFileReader(LinuxAdapters::kernel);
    }

    private static Kernel kernel() {
        return Native.KERNEL;
    }

    /** Initialised, and the binding generated, when {@link #kernel()} is first called. */
    private static final class Native {
        static final Kernel KERNEL = Kernel.load();

        private Native() {
        }
    }
}
