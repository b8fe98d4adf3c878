package dev.tcpmem.model.sweep;

import dev.tcpmem.kernel.Bytes;
import dev.tcpmem.model.scenario.Rate;
import dev.tcpmem.model.scenario.Scenario;
import dev.tcpmem.model.scenario.ScenarioEdits;

import java.util.Map;

/** An input a sweep varies. {@link #apply} returns the scenario with the input set to a value. */
public sealed interface SweepParameter {

    /** Scenario with this input at value; defaults give the current value of sysctls the scenario leaves out. */
    Scenario apply(Scenario s, Map<String, String> defaults, double value);

    /** Whole numbers only (connections, bytes, pages). */
    default boolean integral() {
        return true;
    }

    String label();

    /** One element (0 min, 1 default/pressure, 2 max/high) of a node-level triplet sysctl such as tcp_mem or tcp_rmem. */
    record NodeSysctlElement(String sysctl, int index) implements SweepParameter {
        @Override
        public Scenario apply(Scenario s, Map<String, String> defaults, double value) {
            String current = s.node().sysctls().getOrDefault(sysctl, defaults.get(sysctl));
            if (current == null) {
                current = fallback(s, sysctl);
            }
            return ScenarioEdits.withNodeSysctl(s, sysctl, withElement(current, index, (long) value));
        }

        @Override
        public String label() {
            return sysctl + "[" + index + "]";
        }
    }

    /** One element of a pod's namespaced triplet sysctl (tcp_rmem / tcp_wmem). */
    record PodSysctlElement(String pod, String sysctl, int index) implements SweepParameter {
        @Override
        public Scenario apply(Scenario s, Map<String, String> defaults, double value) {
            String current = s.pod(pod).map(p -> p.sysctls().get(sysctl)).orElse(null);
            if (current == null) {
                current = s.node().sysctls().getOrDefault(sysctl, defaults.get(sysctl));
            }
            if (current == null) {
                current = fallback(s, sysctl);
            }
            return ScenarioEdits.withPodSysctl(s, pod, sysctl, withElement(current, index, (long) value));
        }

        @Override
        public String label() {
            return pod + " " + sysctl + "[" + index + "]";
        }
    }

    record Connections(String pod, String workload) implements SweepParameter {
        @Override
        public Scenario apply(Scenario s, Map<String, String> defaults, double value) {
            return ScenarioEdits.updateWorkload(s, pod, workload, w -> w.withConnections(Math.max(0, (long) value)));
        }

        @Override
        public String label() {
            return pod + "/" + workload + " connections";
        }
    }

    /** How many of the workload's connections wait for accept() (at most all of them). */
    record Unaccepted(String pod, String workload) implements SweepParameter {
        @Override
        public Scenario apply(Scenario s, Map<String, String> defaults, double value) {
            return ScenarioEdits.updateWorkload(s, pod, workload, w -> w.withListener(java.util.Optional.of(
                    new dev.tcpmem.model.scenario.Listener(w.listener().flatMap(l -> l.backlog()),
                            Math.max(0, Math.min(w.connections(), (long) value))))));
        }

        @Override
        public String label() {
            return pod + "/" + workload + " connections waiting for accept()";
        }
    }

    /** The workload's inRate (bytes/s). */
    record InRate(String pod, String workload) implements SweepParameter {
        @Override
        public Scenario apply(Scenario s, Map<String, String> defaults, double value) {
            return ScenarioEdits.updateWorkload(s, pod, workload, w -> w.withRates(new Rate(Math.max(0, value)), w.outRate()));
        }

        @Override
        public boolean integral() {
            return false;
        }

        @Override
        public String label() {
            return pod + "/" + workload + " inRate";
        }
    }

    /** The workload's outRate (bytes/s). */
    record OutRate(String pod, String workload) implements SweepParameter {
        @Override
        public Scenario apply(Scenario s, Map<String, String> defaults, double value) {
            return ScenarioEdits.updateWorkload(s, pod, workload, w -> w.withRates(w.inRate(), new Rate(Math.max(0, value))));
        }

        @Override
        public boolean integral() {
            return false;
        }

        @Override
        public String label() {
            return pod + "/" + workload + " outRate";
        }
    }

    /** Node MemTotal in bytes (tcp_mem defaults follow it unless the node sets tcp_mem). */
    record NodeMemory() implements SweepParameter {
        @Override
        public Scenario apply(Scenario s, Map<String, String> defaults, double value) {
            return ScenarioEdits.withNodeMemory(s, Bytes.of(Math.max(1L << 20, (long) value)));
        }

        @Override
        public String label() {
            return "node memory";
        }
    }

    /** The kernel's value for this node when the defaults do not list it (tcp_mem from RAM, …). */
    private static String fallback(Scenario s, String sysctl) {
        return dev.tcpmem.kernel.KernelProfile.of(s.node().kernel())
                .fallbackDefault(sysctl, dev.tcpmem.kernel.RamDerivedDefaults.of(s.node().memory()));
    }

    /** Sets one element of "a b c", keeping a <= b <= c by moving the neighbours. */
    static String withElement(String triplet, int index, long value) {
        if (triplet == null) {
            throw new IllegalArgumentException("no current value to sweep");
        }
        String[] p = triplet.strip().split("\\s+");
        if (p.length != 3 || index < 0 || index > 2) {
            throw new IllegalArgumentException("not a triplet: " + triplet);
        }
        long[] t = {Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2])};
        long v = Math.max(0, value);
        t[index] = v;
        for (int i = index + 1; i < 3; i++) {
            t[i] = Math.max(t[i], v);
        }
        for (int i = index - 1; i >= 0; i--) {
            t[i] = Math.min(t[i], v);
        }
        return t[0] + " " + t[1] + " " + t[2];
    }
}
