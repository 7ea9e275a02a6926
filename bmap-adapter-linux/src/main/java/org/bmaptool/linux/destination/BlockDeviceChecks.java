package org.bmaptool.linux.destination;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bmaptool.ports.PortException;

/**
 * The refusals a block device gets before it is opened: a disk that must be removable
 * and is not, and a device that is busy because it or one of its partitions is
 * mounted, is active swap or is held by a device-mapper, RAID or similar device. Each
 * refusal is one line naming the device and why; the {@code O_EXCL} open that follows
 * catches what these miss, with a vaguer message.
 */
final class BlockDeviceChecks {
    private final Path procRoot;
    private final Path sysRoot;

    BlockDeviceChecks(Path procRoot, Path sysRoot) {
        this.procRoot = procRoot;
        this.sysRoot = sysRoot;
    }

    /** The sysfs view of the device numbered {@code number}. */
    SysfsBlockDevice device(String number) {
        return SysfsBlockDevice.of(sysRoot, number);
    }

    /**
     * Refuses {@code device} unless its disk is removable (upstream's messages).
     *
     * @param given the path the user gave, for messages
     */
    void requireRemovable(String given, SysfsBlockDevice device) {
        SysfsBlockDevice disk = device.disk();
        String removable = disk.removable().orElseThrow(() -> new PortException(
                "Unable to detect removability of destination file " + given + ". But the removable-device "
                        + "option requires to be able to detect that it is a block device which is removable. "
                        + "Cannot open sysfs attribute " + disk.directory().resolve("removable")));
        if (!removable.equals("1")) {
            String whose = disk == device ? "" : " (its disk " + disk.node() + " is not removable)";
            throw new PortException("Destination file " + given + " is not a removable block device" + whose
                    + ". But the removable-device option expects it to be one.");
        }
    }

    /**
     * Refuses {@code device} when it or any of its partitions is mounted, active swap or held.
     *
     * @param label how the device is named in the message, quoted, with its resolved path when it differs
     */
    void refuseBusy(String label, SysfsBlockDevice device) {
        List<SysfsBlockDevice> scope = new ArrayList<>();
        scope.add(device);
        scope.addAll(device.partitions());
        String refusal = "cannot write to block device " + label + ": ";

        MountTable mounts = MountTable.read(procRoot.resolve("self/mountinfo"));
        for (SysfsBlockDevice part : scope) {
            List<String> points = mounts.mountPointsOf(part.number(), part.node());
            if (!points.isEmpty()) {
                throw new PortException(refusal + subject(device, part) + " mounted on " + String.join(", ", points));
            }
        }
        SwapTable swaps = SwapTable.read(procRoot.resolve("swaps"));
        for (String swap : swaps.paths()) {
            String number = swapDeviceNumber(swap);
            for (SysfsBlockDevice part : scope) {
                if (part.number().equals(number) || part.node().equals(swap)) {
                    throw new PortException(refusal + subject(device, part) + " in use as swap (" + swap
                            + " in /proc/swaps)");
                }
            }
        }
        for (SysfsBlockDevice part : scope) {
            List<String> holders = part.holders();
            if (!holders.isEmpty()) {
                throw new PortException(refusal + subject(device, part) + " held by " + String.join(", ", holders)
                        + " (device mapper, LVM or RAID; see " + part.directory().resolve("holders") + ")");
            }
        }
    }

    private static String subject(SysfsBlockDevice device, SysfsBlockDevice part) {
        return part == device ? "it is" : "its partition " + part.node() + " is";
    }

    /** The device number of a swap area on a block device; null for a swap file or a vanished path. */
    private static String swapDeviceNumber(String swap) {
        try {
            FileNode node = FileNode.of(Path.of(swap));
            return node.type() == FileNode.Type.BLOCK_DEVICE ? node.number() : null;
        } catch (PortException | java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
