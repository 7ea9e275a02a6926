package org.bmaptool.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class HumanSizeTest {
    private static final Path UPSTREAM = Path.of("/usr/lib/python3/dist-packages/bmaptools/BmapHelpers.py");

    @Test
    void writesSizesAsUpstreamHumanSize() {
        assertEquals("0 bytes", HumanSize.bytes(0));
        assertEquals("1 byte", HumanSize.bytes(1));
        assertEquals("511 bytes", HumanSize.bytes(511));
        assertEquals("0.5 KiB", HumanSize.bytes(512));
        assertEquals("802.5 KiB", HumanSize.bytes(821752));
        assertEquals("468.0 KiB", HumanSize.bytes(479232));
        assertEquals("1024.0 KiB", HumanSize.bytes(1048575));
        assertEquals("3.0 GiB", HumanSize.bytes(3221225473L));
        // Past TiB upstream stops dividing and says EiB of what are TiB; so do we.
        assertEquals("1024.0 EiB", HumanSize.bytes(1L << 50));
    }

    @Test
    void writesSpeedsAsUpstreamHumanSizeOfAFloat() {
        assertEquals("1 byte", HumanSize.bytes(1.0));
        assertEquals("511 bytes", HumanSize.bytes(511.9));
        assertEquals("1.5 KiB", HumanSize.bytes(1536.7));
    }

    @Test
    void writesPercentagesAsPythonFormatsThem() {
        assertEquals("58.2%", HumanSize.percent(117 * 100.0 / 201));
        assertEquals("0.2%", HumanSize.percent(1283 * 100.0 / 786433));
        assertEquals("100.0%", HumanSize.percent(100));
        // 0.25 is exact in binary: half to even, as Python's "%.1f".
        assertEquals("0.2%", HumanSize.percent(0.25));
        // 0.35 is 0.34999... in binary: it rounds down, as in Python.
        assertEquals("0.3%", HumanSize.percent(0.35));
    }

    @Test
    void writesDurationsAsUpstreamHumanTime() {
        assertEquals("0.0s", HumanSize.seconds(0));
        assertEquals("4.2s", HumanSize.seconds(4.2));
        assertEquals("59.9s", HumanSize.seconds(59.94));
        assertEquals("1m 0.0s", HumanSize.seconds(60));
        assertEquals("3m 4.5s", HumanSize.seconds(184.5));
        assertEquals("1h 0.5s", HumanSize.seconds(3600.5));
        assertEquals("2h 1m 1.0s", HumanSize.seconds(7261));
    }

    @Test
    void agreesWithUpstreamOnThousandsOfValues() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.exists(UPSTREAM), "upstream's BmapHelpers.py is not installed (bmap-tools)");
        Random random = new Random(42);
        List<Long> sizes = new ArrayList<>();
        List<Double> speeds = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            sizes.add((long) Math.pow(2, random.nextDouble() * 62));
            speeds.add(Math.pow(2, random.nextDouble() * 40));
            times.add(random.nextInt(4) == 0 ? random.nextInt(20000) / 4.0 : Math.pow(10, random.nextDouble() * 5.5));
        }
        for (long edge = 1; edge < Long.MAX_VALUE / 1024 && edge > 0; edge *= 1024) {
            sizes.addAll(List.of(edge * 1023 + 972, edge * 1024 - 1, edge * 512, edge * 512 - 1));
        }
        StringBuilder script = new StringBuilder("import sys\nsys.path.insert(0, '")
                .append(UPSTREAM.getParent().getParent()).append("')\n")
                .append("from bmaptools.BmapHelpers import human_size, human_time\n");
        StringBuilder expected = new StringBuilder();
        for (long size : sizes) {
            script.append("print(human_size(").append(size).append("))\n");
            expected.append(HumanSize.bytes(size)).append('\n');
        }
        for (double speed : speeds) {
            script.append("print(human_size(").append(Double.toString(speed)).append("))\n");
            expected.append(HumanSize.bytes(speed)).append('\n');
        }
        for (double time : times) {
            script.append("print(human_time(").append(Double.toString(time)).append("))\n");
            expected.append(HumanSize.seconds(time)).append('\n');
        }
        for (int i = 0; i < 1000; i++) {
            double percent = random.nextInt(100_000) * 100.0 / (1 + random.nextInt(100_000));
            script.append("print('%.1f%%' % ").append(Double.toString(percent)).append(")\n");
            expected.append(HumanSize.percent(percent)).append('\n');
        }

        Process python = new ProcessBuilder("python3", "-").redirectErrorStream(true).start();
        try (var in = python.getOutputStream()) {
            in.write(script.toString().getBytes(StandardCharsets.UTF_8));
        }
        String actual = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, python.waitFor(), actual);
        assertEquals(expected.toString(), actual);
    }
}
