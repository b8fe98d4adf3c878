package dev.tcpmem.model.scenario;

import java.util.List;
import java.util.Optional;

/** A node, its pods and their workloads, and a timeline of events: one what-if question. */
public record Scenario(String name, String description, Node node, List<Pod> pods, Timeline timeline) {

    public Scenario {
        description = description == null ? "" : description;
        pods = List.copyOf(pods);
    }

    public Optional<Pod> pod(String podName) {
        return pods.stream().filter(p -> p.name().equals(podName)).findFirst();
    }
}
