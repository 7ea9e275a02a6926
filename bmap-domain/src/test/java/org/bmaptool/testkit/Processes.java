package org.bmaptool.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Running the system's tools from tests, and skipping tests where a tool or root is missing. */
public final class Processes {

    private Processes() {
    }

    /** Whether the tests run as root (loop devices, mounts, sysfs writes). */
    public static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Skips the calling test unless it runs as root; {@code what} says what needs it. */
    public static void assumeRoot(String what) {
        Assumptions.assumeTrue(root(), what + " needs root");
    }

    /** Whether {@code tool} is installed in one of the system's program folders. */
    public static boolean installed(String tool) {
        for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/bin", "/bin"}) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Skips the calling test unless {@code tool} is installed. */
    public static void assumeTool(String tool) {
        Assumptions.assumeTrue(installed(tool), tool + " is not installed");
    }

    /**
     * Runs a command (standard error joined to its output) and returns its output; throws,
     * with that output, when it fails or takes more than a minute.
     */
    public static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
        return output;
    }
}
