package org.bmaptool.linux.destination;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.bmaptool.domain.text.HumanSize;
import org.bmaptool.linux.kernel.BlockDevice;
import org.bmaptool.linux.kernel.Kernel;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.destination.DestinationKind;
import org.bmaptool.ports.destination.DestinationRequest;
import org.bmaptool.ports.destination.Destinations;
import org.bmaptool.ports.destination.DestinationsRefused;

/**
 * Opens destinations on Linux after every check that can be made before the first
 * write. A regular file is created in an existing directory and sized to the image, so
 * unmapped blocks stay holes, unless it would be on the device file system of
 * {@code /dev}: a path there that does not exist is a mistyped device, refused rather than
 * created (a tmpfs such as {@code /dev/shm} takes files as any folder). A block device (symlinks such as {@code /dev/disk/by-id/...}
 * resolved) is refused when it or a partition of it is mounted, swap or held, when it is
 * smaller than the image, and with {@code removableOnly} when its disk is not removable;
 * then it is opened {@code O_EXCL} and tuned for the copy. Character devices are written
 * as they are.
 */
public final class LinuxDestinations implements Destinations {
    private final Supplier<Kernel> kernel;
    private final BlockDeviceChecks checks;
    private final DeviceFileSystem devices;

    /** @param kernel asked for only when a block device is opened: files need no native code */
    public LinuxDestinations(Supplier<Kernel> kernel) {
        this(kernel, Path.of("/proc"), Path.of("/sys"), DeviceFileSystem.system());
    }

    /** With other roots for /proc and /sys and another view of /dev, for tests. */
    LinuxDestinations(Supplier<Kernel> kernel, Path procRoot, Path sysRoot, DeviceFileSystem devices) {
        this.kernel = kernel;
        this.checks = new BlockDeviceChecks(procRoot, sysRoot);
        this.devices = devices;
    }

    /**
     * Opens every destination or none. Devices go first, new files next, existing regular
     * files last: opening a file empties it, so none is opened once another destination
     * was refused. On a refusal every one opened is closed and every file this created is
     * removed again.
     */
    @Override
    public List<Destination> openAll(List<DestinationRequest> requests) {
        Destination[] opened = new Destination[requests.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> openingRank(requests.get(i).path())));
        List<Path> created = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (int i : order) {
            Path path = requests.get(i).path();
            if (!refusals.isEmpty() && Files.isRegularFile(path)) {
                refusals.add("'" + path + "' was not opened: opening a file empties it");
                continue;
            }
            boolean existed = Files.exists(path, LinkOption.NOFOLLOW_LINKS);
            try {
                opened[i] = open(requests.get(i));
                if (!existed) {
                    created.add(path);
                }
            } catch (PortException e) {
                refusals.add(e.getMessage());
            }
        }
        if (refusals.isEmpty()) {
            return List.of(opened);
        }
        List<String> warnings = new ArrayList<>();
        List<RuntimeException> closing = new ArrayList<>();
        for (Destination destination : opened) {
            if (destination != null) {
                try {
                    destination.close();
                } catch (RuntimeException e) {
                    closing.add(e);
                }
            }
        }
        for (Path path : created) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                warnings.add("cannot remove '" + path + "': " + e.getMessage());
            }
        }
        DestinationsRefused refused = new DestinationsRefused(requests.size(), refusals, warnings);
        closing.forEach(refused::addSuppressed);
        throw refused;
    }

    @Override
    public boolean sameDestination(Path a, Path b) {
        if (Destinations.super.sameDestination(a, b)) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    // Devices (nothing to undo) first, then new files (removed again), existing files last.
    private static int openingRank(Path path) {
        return Files.isRegularFile(path) ? 2 : Files.exists(path) ? 0 : 1;
    }

    @Override
    public Destination open(DestinationRequest request) {
        Path path = request.path();
        String given = path.toString();
        FileNode node = FileNode.of(path);
        if (request.removableOnly()) {
            if (node.type() == FileNode.Type.MISSING) {
                throw new PortException("Destination file " + given + " does not exist. But the removable-device "
                        + "option expects destination file to be an existing device.");
            }
            if (node.type() != FileNode.Type.BLOCK_DEVICE) {
                throw new PortException("Destination file " + given + " is not a block device. But the "
                        + "removable-device option expects the destination file to be one.");
            }
        }
        switch (node.type()) {
            case MISSING:
                return openNewFile(path, request.imageSize());
            case REGULAR_FILE:
                // Upstream warns for any regular file under /dev; on a tmpfs there a file is no mistake.
                return openFile(path, request.imageSize(), devices.holds(path)
                        ? List.of("\"" + given + "\" is under \"/dev\", but it is a regular file, not a device node")
                        : List.of());
            case BLOCK_DEVICE:
                return openBlockDevice(path, node, request);
            case CHARACTER_DEVICE:
                return openCharacterDevice(path);
            case DIRECTORY:
                throw new PortException("cannot open destination file '" + given + "': it is a directory");
            default:
                throw new PortException("cannot open destination file '" + given
                        + "': not a regular file, block device or character device");
        }
    }

    private Destination openNewFile(Path path, long imageSize) {
        String given = path.toString();
        if (devices.wouldCreateOn(path)) {
            // Upstream creates /dev/sdx as a file when the stick is not plugged in, and
            // reports success; a misspelled device must not look like a flashed one.
            throw new PortException("cannot open destination '" + given + "': no such device (a path under /dev "
                    + "that does not exist is not created as a file)");
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && FileNode.of(parent).type() != FileNode.Type.DIRECTORY) {
            throw new PortException("cannot create destination file '" + given + "': directory '"
                    + path.getParent() + "' does not exist");
        }
        return openFile(path, imageSize, List.of());
    }

    private Destination openFile(Path path, long imageSize, List<String> warnings) {
        RandomAccessFile file;
        try {
            file = new RandomAccessFile(path.toFile(), "rw");
        } catch (IOException e) {
            throw new PortException("cannot open destination file '" + path + "': " + reason(e), e);
        }
        try {
            // Emptying first drops the old data; growing with ftruncate then leaves one
            // hole, so the blocks the copy skips stay holes.
            file.setLength(0);
            if (imageSize > 0) {
                file.setLength(imageSize);
            }
        } catch (IOException e) {
            closeQuietly(file);
            throw new PortException("cannot set the size of destination file '" + path + "' to " + imageSize
                    + " bytes: " + reason(e), e);
        }
        return new FileDestination(path, DestinationKind.REGULAR_FILE, file.getChannel(), warnings, kernel);
    }

    private Destination openCharacterDevice(Path path) {
        try {
            return new FileDestination(path, DestinationKind.CHARACTER_DEVICE,
                    FileChannel.open(path, StandardOpenOption.WRITE), List.of(), kernel);
        } catch (IOException e) {
            throw new PortException("cannot open character device '" + path + "': " + reason(e), e);
        }
    }

    private Destination openBlockDevice(Path path, FileNode node, DestinationRequest request) {
        String given = path.toString();
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new PortException("cannot resolve block device '" + given + "': " + e.getMessage(), e);
        }
        String label = real.toString().equals(given) ? "'" + given + "'" : "'" + given + "' (" + real + ")";
        SysfsBlockDevice device = checks.device(node.number());
        if (request.removableOnly()) {
            checks.requireRemovable(given, device);
        }
        checks.refuseBusy(label, device);
        BlockDevice claimed = BlockDevice.openExclusive(kernel.get(), real, given);
        try {
            if (request.imageSize() >= 0) {
                long capacity = claimed.size();
                if (capacity < request.imageSize()) {
                    // Upstream's words, with the image named where the caller told it.
                    String image = request.imageName().isEmpty() ? "" : " '" + request.imageName() + "'";
                    throw new PortException("the image file" + image + " has size " + HumanSize.bytes(request.imageSize())
                            + " and it will not fit the block device " + label + " which has "
                            + HumanSize.bytes(capacity) + " capacity");
                }
            }
        } catch (RuntimeException e) {
            claimed.close();
            throw e;
        }
        // Nothing can fail between tuning and handing over the destination that restores it.
        return new BlockDeviceDestination(given, claimed, WriteTuning.apply(device.disk()));
    }

    private static void closeQuietly(RandomAccessFile file) {
        try {
            file.close();
        } catch (IOException e) {
            // The open already failed; that is the error to report.
        }
    }

    /** The cause of a file-system error without the path the message names already. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        String message = e.getMessage();
        // java.io says "PATH (cause)".
        int cause = message == null ? -1 : message.lastIndexOf(" (");
        if (e instanceof FileNotFoundException && cause >= 0 && message.endsWith(")")) {
            return message.substring(cause + 2, message.length() - 1);
        }
        return message;
    }
}
