package org.bmaptool.io.remote;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.location.Location;
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

    /**
     * The local path of a {@code file://} URL ({@code file:///x/y} or {@code file://localhost/x/y}),
     * percent escapes decoded; empty for any other location.
     */
    public static Optional<String> localPath(Location location) {
        if (!location.scheme().filter("file"::equals).isPresent()) {
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
    public ImageSource open(Location location) {
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
    public byte[] read(Location location) {
        RemoteLocation url = RemoteLocation.parse(location);
        switch (url.scheme()) {
            case "http":
            case "https":
                return new HttpImages(url, settings).readAll();
            case "ftp":
                return new FtpImages(url, settings).read();
            case "ssh":
                return new SshImages(url, settings).read();
            default:
                throw new PortException("cannot read '" + url.masked() + "': unsupported URL scheme");
        }
    }
}
