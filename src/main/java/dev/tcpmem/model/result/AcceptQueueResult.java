package dev.tcpmem.model.result;

import dev.tcpmem.model.derivation.Derivation;

/**
 * A workload's connections still waiting in the listener's accept queue: how many the queue holds, what they held
 * over the timeline, and whether the pod's memory cgroup pays for them yet.
 *
 * @param unaccepted      connections the scenario says are not yet accepted
 * @param capacity        the most the accept queue holds: min(backlog, somaxconn) + 1
 * @param queued          min(unaccepted, capacity): established, receiving, unread
 * @param dropped         unaccepted - queued: their handshakes are dropped, nothing of them is on this node
 * @param chargedToPod    false from 5.6: a queued connection is charged to a memcg only when accept() takes it
 */
public record AcceptQueueResult(long unaccepted, long capacity, long queued, long dropped,
                                double peakPagesPerConnection, long peakPages, long finalPages, boolean chargedToPod,
                                Derivation derivation) {
}
