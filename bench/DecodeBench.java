import java.nio.ByteBuffer;
import org.bmaptool.io.IoAdapters;
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
            try (ImageSource image = IoAdapters.imageSources().open(location)) {
                int n;
                while ((n = image.read(buffer.clear(), position)) >= 0) {
                    position += n;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("%s %d bytes %.3f s %.1f MiB/s%n", location, position, seconds,
                    position / seconds / (1 << 20));
        }
    }
}
