package dev.tcpmem.kernel;

/** The parts of the socket-memory model a sysctl feeds; none means "shown for completeness". */
public enum ModelInput {
    NODE_TCP_MEM("node-tcp-mem"),
    RECEIVE_BUFFER("receive-buffer"),
    SEND_BUFFER("send-buffer"),
    RECEIVE_WINDOW("receive-window"),
    WINDOW_SCALE("window-scale"),
    RECEIVE_AUTOTUNING("receive-autotuning"),
    SEND_AUTOTUNING("send-autotuning"),
    SOCKET_OPTION_CAP("socket-option-cap"),
    ACCEPT_BACKLOG("accept-backlog"),
    SYN_BACKLOG("syn-backlog"),
    DEAD_PEER_DETECTION("dead-peer-detection"),
    ORPHANS("orphans"),
    ACCOUNTING_SLACK("accounting-slack"),
    UNSENT_LIMIT("unsent-limit"),
    CONGESTION_CONTROL("congestion-control"),
    MSS("mss");

    private final String key;

    ModelInput(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static ModelInput fromKey(String key) {
        for (ModelInput m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown model input \"" + key + "\"");
    }
}
