package dev.tcpmem.model.scenario;

import java.util.Optional;

/**
 * The server side of a workload: the listen() backlog the application asked for, and how many of the workload's
 * connections are still waiting in the listener's accept queue (the application has fallen behind on accept()).
 * Such a connection is established and its peer sends, but nothing reads it and nothing writes to it.
 *
 * @param backlog    the backlog passed to listen(); absent: net.core.somaxconn, as servers that ask for the
 *                   system maximum do (Go, and listen(fd, -1) in C)
 * @param unaccepted connections of the workload not yet accepted; the accept queue holds at most
 *                   min(backlog, somaxconn) + 1 of them
 */
public record Listener(Optional<Long> backlog, long unaccepted) {

    public Listener {
        if (unaccepted < 0) {
            throw new IllegalArgumentException("unaccepted connections must be 0 or more: " + unaccepted);
        }
    }
}
