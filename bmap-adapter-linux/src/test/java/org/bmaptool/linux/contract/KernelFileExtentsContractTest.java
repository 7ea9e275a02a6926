package org.bmaptool.linux.contract;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.bmaptool.linux.LinuxAdapters;
import org.bmaptool.ports.extents.ByteExtent;
import org.bmaptool.ports.extents.FileExtentsProbe;
import org.bmaptool.testkit.SparseFiles;
import org.bmaptool.testkit.contracts.FileExtentsProbeContract;

/** The kernel keeps the extents port's promises, on real sparse files in the temporary folder. */
class KernelFileExtentsContractTest extends FileExtentsProbeContract {

    @Override
    protected FileExtentsProbe newPort() {
        return LinuxAdapters.fileExtentsProbe();
    }

    @Override
    protected Path sparseFile(String name, long size, List<ByteExtent> written, List<ByteExtent> preallocated)
            throws Exception {
        long[] spans = new long[written.size() * 2];
        for (int i = 0; i < written.size(); i++) {
            spans[2 * i] = written.get(i).offset();
            spans[2 * i + 1] = written.get(i).length();
        }
        Path file = SparseFiles.write(dir.resolve(name), size, spans);
        for (ByteExtent extent : preallocated) {
            SparseFiles.preallocate(file, extent.offset(), extent.length());
        }
        return file;
    }

    @Override
    protected void writeMore(Path file, ByteExtent extent) throws Exception {
        byte[] data = new byte[(int) extent.length()];
        new Random(extent.offset()).nextBytes(data);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(data), extent.offset());
        }
    }
}
