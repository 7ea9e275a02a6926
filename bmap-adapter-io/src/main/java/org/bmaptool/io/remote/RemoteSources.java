package org.bmaptool.io.remote;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.source.ImageSource;
import org.bmaptool.ports.source.ImageSources;

/**
 * Images and their bmaps at URLs: {@code http://}, {@code https://}, {@code ftp://} and
 * {@code ssh://} (SFTP). {@code file://} URLs are local paths, see {@link #localPath}.
 * Every message names the URL with its password masked.
 */
public final class RemoteSources implements ImageSources {
    private final RemoteSettings settings;

    public RemoteSources(RemoteSettings settings) {
        this.settings = settings;
    }

    /** The remote reader with the user's home folder and environment. */
    public static RemoteSources ofSystem() {
        return new RemoteSources(RemoteSettings.ofSystem());
    }

    /** Whether {@code location} is a URL this class reads (any of the schemes, file included). */
    public static boolean isUrl(String location) {
        return RemoteLocation.isUrl(location);
    }

    /** {@code text} with the password of every URL in it replaced by {@code ***}. */
    public static String mask(String text) {
        return RemoteLocation.mask(text);
    }

    /**
     * The local path of a {@code file://} URL ({@code file:///x/y} or {@code file://localhost/x/y}),
     * percent escapes decoded; empty for any other location.
     */
    public static Optional<String> localPath(String location) {
        if (!location.regionMatches(true, 0, "file://", 0, 7)) {
            return Optional.empty();
        }
        RemoteLocation url = RemoteLocation.parse(location);
        if (!url.host().isEmpty() && !"localhost".equalsIgnoreCase(url.host())) {
            throw new PortException("cannot read '" + url.masked() + "': file URLs of other hosts are not supported");
        }
        try {
            return Optional.of(Path.of(url.decodedPath()).toString());
        } catch (InvalidPathException e) {
            throw new PortException("cannot read '" + url.masked() + "': not a file path (" + e.getReason() + ")");
        }
    }

    @Override
    public ImageSource open(String location) {
        RemoteLocation url = RemoteLocation.parse(location);
        switch (url.scheme()) {
            case "http":
            case "https":
                return HttpSource.open(url, settings);
            case "ftp":
                return new FtpImages(url, settings).open();
            case "ssh":
                return new SshImages(url, settings).open();
            default:
                throw new PortException("cannot read '" + url.masked() + "': unsupported URL scheme");
        }
    }

    @Override
    public Optional<byte[]> readIfExists(String location) {
        RemoteLocation url = RemoteLocation.parse(location);
        switch (url.scheme()) {
            case "http":
            case "https":
                return new HttpImages(url, settings).readAll();
            case "ftp":
                return new FtpImages(url, settings).readIfExists();
            case "ssh":
                return new SshImages(url, settings).readIfExists();
            default:
                throw new PortException("cannot read '" + url.masked() + "': unsupported URL scheme");
        }
    }
}
