package dev.tcpmem.model.scenario;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.kernel.KernelVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The edits a user makes to a scenario, as pure functions from one immutable scenario to the next. Renames and
 * removals keep timeline events and peer references consistent.
 */
public final class ScenarioEdits {

    private ScenarioEdits() {
    }

    // Node //

    public static Scenario withNodeSysctl(Scenario s, String name, String valueOrNull) {
        Map<String, String> m = new TreeMap<>(s.node().sysctls());
        put(m, name, valueOrNull);
        Node n = s.node();
        return withNode(s, new Node(n.memory(), n.cpus(), n.kernel(), n.cgroup(), m, n.observed()));
    }

    public static Scenario withNodeMemory(Scenario s, Bytes memory) {
        Node n = s.node();
        return withNode(s, new Node(memory, n.cpus(), n.kernel(), n.cgroup(), n.sysctls(), n.observed()));
    }

    public static Scenario withKernel(Scenario s, KernelVersion kernel) {
        Node n = s.node();
        return withNode(s, new Node(n.memory(), n.cpus(), kernel, n.cgroup(), n.sysctls(), n.observed()));
    }

    public static Scenario withCgroup(Scenario s, CgroupVersion cgroup) {
        Node n = s.node();
        return withNode(s, new Node(n.memory(), n.cpus(), n.kernel(), cgroup, n.sysctls(), n.observed()));
    }

    public static Scenario withCpus(Scenario s, int cpus) {
        Node n = s.node();
        return withNode(s, new Node(n.memory(), cpus, n.kernel(), n.cgroup(), n.sysctls(), n.observed()));
    }

    public static Scenario withNode(Scenario s, Node node) {
        return new Scenario(s.name(), s.description(), node, s.pods(), s.timeline());
    }

    // Pods //

    public static Scenario withPodSysctl(Scenario s, String pod, String name, String valueOrNull) {
        return updatePod(s, pod, p -> {
            Map<String, String> m = new TreeMap<>(p.sysctls());
            put(m, name, valueOrNull);
            return new Pod(p.name(), p.memoryLimit(), p.tcpMemoryLimit(), m, p.workloads());
        });
    }

    public static Scenario withPodLimits(Scenario s, String pod, Optional<Bytes> memoryLimit, Optional<Bytes> tcpLimit) {
        return updatePod(s, pod, p -> new Pod(p.name(), memoryLimit, tcpLimit, p.sysctls(), p.workloads()));
    }

    public static Scenario addPod(Scenario s, Pod pod) {
        List<Pod> pods = new ArrayList<>(s.pods());
        pods.add(new Pod(uniqueName(pod.name(), podNames(s)), pod.memoryLimit(), pod.tcpMemoryLimit(), pod.sysctls(),
                pod.workloads()));
        return withPods(s, pods);
    }

    /** A copy of the pod with a new unique name; its in-node peers are dropped (the copy has its own clients). */
    public static Scenario duplicatePod(Scenario s, String pod) {
        Pod p = s.pod(pod).orElseThrow(() -> new IllegalArgumentException("no pod " + pod));
        List<Workload> ws = p.workloads().stream().map(w -> w.withPeer(Optional.empty())).collect(Collectors.toList());
        return addPod(s, new Pod(p.name(), p.memoryLimit(), p.tcpMemoryLimit(), p.sysctls(), ws));
    }

    public static Scenario renamePod(Scenario s, String from, String to) {
        if (from.equals(to)) {
            return s;
        }
        if (podNames(s).contains(to)) {
            throw new IllegalArgumentException("a pod named " + to + " already exists");
        }
        List<Pod> pods = s.pods().stream().map(p -> {
            Pod renamed = p.name().equals(from) ? new Pod(to, p.memoryLimit(), p.tcpMemoryLimit(), p.sysctls(), p.workloads()) : p;
            return new Pod(renamed.name(), renamed.memoryLimit(), renamed.tcpMemoryLimit(), renamed.sysctls(),
                    renamed.workloads().stream().map(w -> w.peer().filter(r -> r.pod().equals(from)).isPresent()
                            ? w.withPeer(Optional.of(new PeerRef(to, w.peer().get().workload()))) : w).toList());
        }).collect(Collectors.toList());
        List<TimelineEvent> events = s.timeline().events().stream().map(e -> e.pod().equals(from)
                ? new TimelineEvent(e.atSeconds(), to, e.workload(), e.set(), e.forSeconds()) : e).toList();
        return new Scenario(s.name(), s.description(), s.node(), pods,
                new Timeline(s.timeline().durationSeconds(), s.timeline().stepMillis(), events));
    }

    public static Scenario removePod(Scenario s, String pod) {
        List<Pod> pods = s.pods().stream().filter(p -> !p.name().equals(pod))
                .map(p -> new Pod(p.name(), p.memoryLimit(), p.tcpMemoryLimit(), p.sysctls(), p.workloads().stream()
                        .map(w -> w.peer().filter(r -> r.pod().equals(pod)).isPresent() ? w.withPeer(Optional.empty()) : w)
                        .toList()))
                .collect(Collectors.toList());
        List<TimelineEvent> events = s.timeline().events().stream().filter(e -> !e.pod().equals(pod)).toList();
        return new Scenario(s.name(), s.description(), s.node(), pods,
                new Timeline(s.timeline().durationSeconds(), s.timeline().stepMillis(), events));
    }

    // Workloads //

    public static Scenario addWorkload(Scenario s, String pod, Workload w) {
        return updatePod(s, pod, p -> {
            List<Workload> ws = new ArrayList<>(p.workloads());
            Set<String> names = ws.stream().map(Workload::name).collect(Collectors.toSet());
            Workload named = w.withName(uniqueName(w.name(), names));
            ws.add(named);
            return new Pod(p.name(), p.memoryLimit(), p.tcpMemoryLimit(), p.sysctls(), ws);
        });
    }

    public static Scenario withTimeline(Scenario s, Timeline timeline) {
        return new Scenario(s.name(), s.description(), s.node(), s.pods(), timeline);
    }

    public static Scenario updateWorkload(Scenario s, String pod, String workload, UnaryOperator<Workload> change) {
        return updatePod(s, pod, p -> new Pod(p.name(), p.memoryLimit(), p.tcpMemoryLimit(), p.sysctls(),
                p.workloads().stream().map(w -> w.name().equals(workload) ? change.apply(w) : w).toList()));
    }

    public static Scenario removeWorkload(Scenario s, String pod, String workload) {
        Scenario out = updatePod(s, pod, p -> new Pod(p.name(), p.memoryLimit(), p.tcpMemoryLimit(), p.sysctls(),
                p.workloads().stream().filter(w -> !w.name().equals(workload)).toList()));
        List<TimelineEvent> events = out.timeline().events().stream()
                .filter(e -> !(e.pod().equals(pod) && e.workload().equals(workload))).toList();
        return new Scenario(out.name(), out.description(), out.node(), out.pods(),
                new Timeline(out.timeline().durationSeconds(), out.timeline().stepMillis(), events));
    }

    // Helpers //

    public static Scenario updatePod(Scenario s, String pod, UnaryOperator<Pod> change) {
        if (s.pod(pod).isEmpty()) {
            throw new IllegalArgumentException("no pod " + pod);
        }
        return withPods(s, s.pods().stream().map(p -> p.name().equals(pod) ? change.apply(p) : p).toList());
    }

    private static Scenario withPods(Scenario s, List<Pod> pods) {
        return new Scenario(s.name(), s.description(), s.node(), pods, s.timeline());
    }

    private static Set<String> podNames(Scenario s) {
        return s.pods().stream().map(Pod::name).collect(Collectors.toSet());
    }

    /** "web" stays "web" if free, else "web-2", "web-3", … */
    static String uniqueName(String base, Set<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        String stem = base.replaceAll("-\\d+$", "");
        for (int i = 2; ; i++) {
            String candidate = stem + "-" + i;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    private static void put(Map<String, String> m, String name, String valueOrNull) {
        if (valueOrNull == null) {
            m.remove(name);
        } else {
            m.put(name, valueOrNull);
        }
    }
}
