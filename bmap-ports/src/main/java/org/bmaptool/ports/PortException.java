package org.bmaptool.ports;

/**
 * The one error every adapter throws through a port: something outside the program
 * failed or refused (a file, a device, a server, a key). The message is one human line
 * that names the thing and the cause.
 */
public class PortException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PortException(String message) {
        super(message);
    }

    public PortException(String message, Throwable cause) {
        super(message, cause);
    }
}
