package dev.tcpmem.model.scenario;

/** The workload at the other end of a connection group when it runs on the same node ("pod/workload"). */
public record PeerRef(String pod, String workload) {

    @Override
    public String toString() {
        return pod + "/" + workload;
    }
}
