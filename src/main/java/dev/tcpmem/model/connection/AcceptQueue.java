package dev.tcpmem.model.connection;

import static dev.tcpmem.model.derivation.Derivation.input;

import dev.tcpmem.model.derivation.Derivation;
import dev.tcpmem.model.derivation.Origin;
import dev.tcpmem.model.result.AcceptQueueResult;
import dev.tcpmem.model.scenario.Listener;
import dev.tcpmem.model.scenario.ReaderBehaviour;
import dev.tcpmem.model.scenario.TimelineEvent;
import dev.tcpmem.model.scenario.Workload;
import dev.tcpmem.model.scenario.WriterBehaviour;
import dev.tcpmem.model.sysctl.EffectiveSysctls;
import java.util.List;
import java.util.Optional;

/**
 * A listener's connections that wait for accept(): established, so the peer sends and the data is queued and
 * charged to the node's tcp_mem, but no application reads or writes them yet.
 *
 * <p>The queue holds at most {@code min(backlog, somaxconn) + 1}: __sys_listen() (net/socket.c) caps the backlog
 * at net.core.somaxconn and sk_acceptq_is_full() (include/net/sock.h) is {@code sk_ack_backlog >
 * sk_max_ack_backlog}; when it is full tcp_conn_request() and tcp_v4_syn_recv_sock() (net/ipv4/tcp_input.c,
 * tcp_ipv4.c) drop the SYN or the handshake's last ACK, so the extra connections never get a socket here.
 *
 * <p>The timeline simulation keeps the waiting connections as a group of their own beside the accepted ones and
 * sizes both from the workload's {@code connections} and {@code unaccepted} as events change them.
 *
 * @param key       "pod/workload"
 * @param backlog   the listen() backlog asked for
 * @param somaxconn net.core.somaxconn in the pod
 * @param capacity  min(backlog, somaxconn) + 1
 * @param queuePod  the pod the waiting group is simulated in: the workload's own, or one of its own when the pod's
 *                  memory cgroup does not pay for waiting connections
 * @param queueName the waiting group's workload name
 */
public record AcceptQueue(String key, long backlog, Origin backlogOrigin, long somaxconn, Origin somaxconnOrigin,
                          long capacity, String queuePod, String queueName) {

    static final String SOMAXCONN = "net.core.somaxconn";

    /**
     * The workload's accept queue, or null when it has no listener and no event sets connections waiting.
     *
     * @param chargedOnAccept the kernel charges a waiting connection to a memcg only at accept()
     */
    public static AcceptQueue of(String pod, Workload w, EffectiveSysctls sys, List<TimelineEvent> events,
                                 boolean chargedOnAccept) {
        if (w.listener().isEmpty() && events.stream().noneMatch(e -> e.pod().equals(pod)
                && e.workload().equals(w.name()) && e.set().unaccepted().isPresent())) {
            return null;
        }
        Optional<Long> asked = w.listener().flatMap(Listener::backlog);
        long somaxconn = Math.max(0, sys.scalar(SOMAXCONN));
        long backlog = asked.orElse(somaxconn);
        long capacity = Math.min(backlog, somaxconn) + 1;
        String queuePod = chargedOnAccept ? pod + " (accept queue)" : pod;
        String queueName = w.name() + " (accept queue)";
        return new AcceptQueue(pod + "/" + w.name(), backlog, asked.isPresent() ? Origin.SCENARIO : Origin.DERIVED,
                somaxconn, sys.origin(SOMAXCONN), capacity, queuePod, queueName);
    }

    /**
     * The waiting connections as a workload of their own: nothing reads, nothing writes, the peer still sends. The
     * simulation gives it its connections (none here).
     */
    public Workload waitingWorkload(Workload w) {
        return w.withName(queueName)
                .withConnections(0)
                .withBehaviour(ReaderBehaviour.STALLED, WriterBehaviour.IDLE, w.peerReader())
                .withPeer(Optional.empty())
                .withListener(Optional.empty());
    }

    /**
     * @param unaccepted the most connections said to wait for accept() at any time
     * @param queued     the most the queue held at any time: min(unaccepted, capacity) then
     */
    public AcceptQueueResult result(long unaccepted, long queued, double peakPagesPerConnection, long peakPages,
                                    long finalPages, boolean chargedToPod) {
        Derivation d = new Derivation("acceptQueue.peakPages", peakPages, "pages",
                "min(unaccepted, min(backlog, somaxconn) + 1) = min(" + unaccepted + ", min(" + backlog + ", "
                        + somaxconn + ") + 1) = " + queued + " connections wait for accept() (the most at any time), each holding what its "
                        + "peer sent up to its receive buffer (nothing reads it), charged to the node's tcp_mem; "
                        + (chargedToPod ? "charged to the listener's memory cgroup from the start (before 5.6)"
                        : "charged to the pod's memory cgroup only when accept() takes it (5.6 and later): until then "
                        + "no pod limit holds it back")
                        + (unaccepted > queued ? "; the other " + (unaccepted - queued)
                        + " handshakes are dropped while the queue is full" : ""),
                List.of(input("unaccepted", unaccepted, Origin.SCENARIO), input("listen backlog", backlog, backlogOrigin),
                        input(SOMAXCONN, somaxconn, somaxconnOrigin)),
                "__sys_listen() caps the backlog at somaxconn; sk_acceptq_is_full(); inet_csk_accept() charges "
                        + "the memcg (d752a4986532)",
                "net/socket.c, include/net/sock.h, net/ipv4/inet_connection_sock.c");
        return new AcceptQueueResult(unaccepted, capacity, queued, unaccepted - queued, peakPagesPerConnection,
                peakPages, finalPages, chargedToPod, d);
    }
}
