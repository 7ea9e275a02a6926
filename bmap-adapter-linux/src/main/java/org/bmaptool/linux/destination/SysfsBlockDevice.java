package org.bmaptool.linux.destination;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bmaptool.ports.PortException;

/**
 * A block device as sysfs shows it: its directory under {@code /sys/dev/block/MAJ:MIN}
 * (symlinks resolved), which tells whether it is a partition, its disk, its partitions,
 * its holders and whether the disk is removable.
 */
record SysfsBlockDevice(Path directory, String name, String number) {

    /** The sysfs view of the block device numbered {@code number} ({@code MAJ:MIN}). */
    static SysfsBlockDevice of(Path sysRoot, String number) {
        Path link = sysRoot.resolve("dev/block").resolve(number);
        try {
            Path directory = link.toRealPath();
            return new SysfsBlockDevice(directory, directory.getFileName().toString(), number);
        } catch (IOException e) {
            throw new PortException("block device " + number + " is not in sysfs (" + link + "): " + e.getMessage(), e);
        }
    }

    /** Partitions have a {@code partition} attribute; whole disks have a {@code queue}. */
    boolean isPartition() {
        return Files.exists(directory.resolve("partition"));
    }

    /** The whole disk: this device, or the disk this partition is on. */
    SysfsBlockDevice disk() {
        if (!isPartition()) {
            return this;
        }
        Path parent = directory.getParent();
        return new SysfsBlockDevice(parent, parent.getFileName().toString(), read(parent.resolve("dev")).orElse("?"));
    }

    /** The partitions of a whole disk, in name order; none for a partition. */
    List<SysfsBlockDevice> partitions() {
        if (isPartition()) {
            return List.of();
        }
        List<SysfsBlockDevice> partitions = new ArrayList<>();
        try (Stream<Path> children = Files.list(directory)) {
            children.filter(child -> Files.exists(child.resolve("partition"))).sorted().forEach(child ->
                    partitions.add(new SysfsBlockDevice(child, child.getFileName().toString(),
                            read(child.resolve("dev")).orElse("?"))));
        } catch (IOException e) {
            throw new PortException("cannot list the partitions of " + node() + " in " + directory + ": "
                    + e.getMessage(), e);
        }
        return partitions;
    }

    /** What holds the device (dm, md, bcache devices), by their sysfs names. */
    List<String> holders() {
        Path holders = directory.resolve("holders");
        if (!Files.isDirectory(holders)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(holders)) {
            return children.map(child -> child.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new PortException("cannot list the holders of " + node() + " in " + holders + ": "
                    + e.getMessage(), e);
        }
    }

    /** The {@code removable} attribute of this device's directory, if it has one. */
    Optional<String> removable() {
        return read(directory.resolve("removable"));
    }

    /** The device node's usual path: {@code /dev/} and the kernel's name for it. */
    String node() {
        Optional<String> devName = read(directory.resolve("uevent")).flatMap(uevent -> uevent.lines()
                .filter(line -> line.startsWith("DEVNAME=")).map(line -> line.substring(8)).findFirst());
        return "/dev/" + devName.orElse(name);
    }

    private static Optional<String> read(Path attribute) {
        try {
            return Optional.of(Files.readString(attribute).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
