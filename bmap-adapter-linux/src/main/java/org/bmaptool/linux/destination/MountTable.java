package org.bmaptool.linux.destination;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bmaptool.ports.PortException;

/**
 * The mounts of this process's mount namespace, from {@code /proc/self/mountinfo}: for
 * each, the device number ({@code MAJ:MIN}), the mount point and the mount source.
 */
record MountTable(List<Mount> mounts) {

    /** One mountinfo line: the device number, where it is mounted, and the source it was mounted from. */
    record Mount(String number, String mountPoint, String source) {
    }

    static MountTable read(Path mountinfo) {
        try {
            return parse(Files.readAllLines(mountinfo));
        } catch (IOException e) {
            throw new PortException("cannot read the mount table " + mountinfo + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses mountinfo lines: {@code ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - TYPE SOURCE SUPER}
     * (proc(5)); fields escape space, tab, newline and backslash as octal.
     */
    static MountTable parse(List<String> lines) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.split(" ");
            if (fields.length < 5) {
                continue;
            }
            String source = "";
            for (int i = 5; i < fields.length - 2; i++) {
                if (fields[i].equals("-")) {
                    source = unescape(fields[i + 2]);
                    break;
                }
            }
            mounts.add(new Mount(fields[2], unescape(fields[4]), source));
        }
        return new MountTable(mounts);
    }

    /**
     * Where the device is mounted: by device number, or by source path for filesystems
     * such as btrfs whose mounts carry an anonymous device number.
     */
    List<String> mountPointsOf(String number, String node) {
        return mounts.stream().filter(mount -> mount.number().equals(number) || mount.source().equals(node))
                .map(Mount::mountPoint).distinct().toList();
    }

    /** Decodes the {@code \ooo} octal escapes the kernel writes into /proc tables. */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder text = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                text.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    private static boolean isOctal(String field, int from) {
        if (from + 3 > field.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = field.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
