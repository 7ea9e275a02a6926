import java.nio.ByteBuffer;
import org.bmaptool.io.IoAdapters;
import org.bmaptool.ports.location.Location;
import org.bmaptool.ports.source.ImageSource;

/**
 * Reads images through bmaptool's image sources the way the copy does (1 MiB positioned
 * reads into a direct buffer) and throws the bytes away: the decoders' throughput alone.
 * Run by decompress-bench.sh with the linked image's own java.
 */
public final class DecodeBench {
    public static void main(String[] args) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        for (String location : args) {
            long started = System.nanoTime();
            long position = 0;
            try (ImageSource image = IoAdapters.imageSources().open(Location.parse(location))) {
                int n;
                while ((n = image.read(buffer.clear(), position)) >= 0) {
                    position += n;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            // The process's CPU time too: on a loaded machine the wall time says little about
            // what parallel decoding costs.
            System.out.printf("%s %d bytes %.3f s %.1f MiB/s cpu %.2f s%n", location, position,
                    seconds, position / seconds / (1 << 20), processCpuSeconds());
        }
    }

    /** User and system time of the whole process, JVM start and compilers included (Linux). */
    private static double processCpuSeconds() throws java.io.IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }
}
