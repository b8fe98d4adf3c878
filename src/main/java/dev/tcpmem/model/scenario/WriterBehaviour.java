package dev.tcpmem.model.scenario;

/** How the application writes to a connection. */
public enum WriterBehaviour {
    /** Writes nothing. */
    IDLE,
    /** Writes the workload's outRate. */
    RATE,
    /** Writes as fast as the socket accepts (the send buffer is always full). */
    BULK
}
