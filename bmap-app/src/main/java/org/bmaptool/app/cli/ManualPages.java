package org.bmaptool.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Collectors;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes {@code bmaptool(1)} in man(7) markup and the bash completion script from the
 * same picocli model that prints {@code --help}, so the three never disagree. The image
 * build runs it: {@code ManualPages MAN_FILE COMPLETION_FILE}.
 */
public final class ManualPages {

    private ManualPages() {
    }

    public static void main(String[] args) throws IOException {
        CommandLine cli = Main.commandLine(() -> {
            throw new IllegalStateException("the manual needs no ports");
        }, System.out, System.err);
        Files.writeString(Path.of(args[0]), manPage(cli), StandardCharsets.UTF_8);
        // The completion is sourced, never run: picocli's "#!/usr/bin/env bash" line would
        // only mislead (lintian: bash-completion-with-hashbang).
        String completion = AutoComplete.bash("bmaptool", cli).replaceFirst("\\A#!.*\n", "");
        Files.writeString(Path.of(args[1]), completion, StandardCharsets.UTF_8);
    }

    /** The man page text. */
    public static String manPage(CommandLine cli) {
        StringBuilder man = new StringBuilder();
        CommandSpec top = cli.getCommandSpec();
        man.append(".TH BMAPTOOL 1 \"").append(LocalDate.of(2026, 11, 25)).append("\" \"bmaptool ")
                .append(BmaptoolVersion.number()).append("\" \"User Commands\"\n");
        man.append(".SH NAME\nbmaptool \\- create block maps of sparse images and copy images using them\n");
        man.append(".SH SYNOPSIS\n.B bmaptool\n[\\fIOPTIONS\\fR] \\fBcreate\\fR [\\fIOPTIONS\\fR] \\fIIMAGE\\fR\n.br\n");
        man.append(".B bmaptool\n[\\fIOPTIONS\\fR] \\fBcopy\\fR [\\fIOPTIONS\\fR] \\fIIMAGE DEST\\fR\n");
        man.append(".SH DESCRIPTION\n").append(escape(String.join(" ", top.usageMessage().description())))
                .append("\n.PP\nA block map (bmap) lists the blocks of a sparse image that hold data, with a"
                        + " checksum for each range. \\fBcopy\\fR writes only those blocks, verifying the"
                        + " checksums, which makes it faster and safer than \\fBdd\\fR. Images may be"
                        + " compressed (gz, bz2, xz, lzo, lz4, zst, zip, tar) and may be URLs.\n");
        man.append(".SH OPTIONS\n");
        options(man, top);
        for (CommandLine sub : cli.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            man.append(".SH COMMAND \\(dq").append(spec.name()).append("\\(dq\n");
            man.append(escape(String.join(" ", spec.usageMessage().description()))).append("\n");
            man.append(".PP\n.B bmaptool ").append(spec.name()).append("\n");
            man.append(spec.positionalParameters().stream().map(p -> "\\fI" + p.paramLabel() + "\\fR")
                    .collect(Collectors.joining(" "))).append("\n");
            for (PositionalParamSpec p : spec.positionalParameters()) {
                man.append(".TP\n.I ").append(p.paramLabel()).append("\n")
                        .append(escape(String.join(" ", p.description()))).append("\n");
            }
            options(man, spec);
        }
        man.append("""
                .SH BMAP DISCOVERY
                Without \\fB\\-\\-bmap\\fR, \\fBcopy\\fR looks for \\fIIMAGE\\fR.bmap, then for
                \\fIIMAGE\\fR with each extension removed in turn plus .bmap (for disk.img.gz:
                disk.img.gz.bmap, disk.img.bmap, disk.bmap). Without a bmap the copy fails unless
                \\fB\\-\\-nobmap\\fR is given.
                .SH REGIONS THAT MUST BE ZERO
                A bmap copy skips the image's holes, so the device keeps its old data there.
                \\fBcreate \\-\\-nomap\\fR \\fISTART:END\\fR lists a region as mapped whether the file
                system stores it or not, so that every copy writes it (zeros where the image has
                holes). \\fBcopy \\-\\-zero\\-unmapped\\fR zeroes every range the bmap does not map after
                the copy: on a block device with the BLKZEROOUT ioctl (the kernel uses the device's
                write\\-zeroes or zeroing discard where it has them), on a file by punching holes.
                With \\fB\\-\\-read\\-back\\fR the first, middle and last 4 KiB of up to 1024 of the
                zeroed ranges are read back and checked to be zeros.
                .SH EXIT STATUS
                .TP
                .B 0
                Success.
                .TP
                .B 1
                An operational error: one line starting with \\(dqbmaptool: ERROR:\\(dq on standard error.
                .TP
                .B 2
                A usage error.
                .TP
                .B 70
                An internal error (a bug in bmaptool): one line starting with \\(dqbmaptool: ERROR: internal error:\\(dq;
                please report it, with the output of \\fB\\-\\-debug\\fR.
                .TP
                .B 130
                The copy was interrupted (SIGINT or SIGTERM); the destination is incomplete.
                .SH SEE ALSO
                .BR dd (1)
                """);
        return man.toString();
    }

    private static void options(StringBuilder man, CommandSpec spec) {
        for (OptionSpec option : spec.options()) {
            man.append(".TP\n.B ").append(escape(String.join(", ", option.names())));
            if (option.arity().max() > 0) {
                man.append(" \\fI").append(option.paramLabel()).append("\\fR");
            }
            man.append("\n").append(escape(String.join(" ", option.description()))).append("\n");
        }
    }

    private static String escape(String text) {
        String escaped = text.replace("\\", "\\\\").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }

}
