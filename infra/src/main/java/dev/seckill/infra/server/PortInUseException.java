package dev.seckill.infra.server;

/** A server's port is held by a process that is not that server. */
public class PortInUseException extends IllegalStateException {

    private final String server;
    private final int port;

    public PortInUseException(String server, int port, String hint) {
        super("port " + port + " is already in use by another process (" + server + " could not take it); "
                + "stop that process or " + hint);
        this.server = server;
        this.port = port;
    }

    public String server() {
        return server;
    }

    public int port() {
        return port;
    }
}
