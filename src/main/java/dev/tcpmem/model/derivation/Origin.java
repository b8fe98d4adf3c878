package dev.tcpmem.model.derivation;

/** Where an input to a derivation came from. */
public enum Origin {
    /** The kernel's default for this release and node size. */
    KERNEL_DEFAULT("kernel default"),
    /** node.sysctls in the scenario. */
    NODE("node"),
    /** The pod's namespaced override. */
    POD("pod"),
    /** A workload, pod or node field of the scenario (connections, rates, MTU, SO_RCVBUF, …). */
    SCENARIO("scenario"),
    /** A constant compiled into the kernel (SKB_TRUESIZE overheads, TCP_INIT_CWND, …). */
    KERNEL_CONSTANT("kernel constant"),
    /** Computed by the model from other inputs. */
    DERIVED("derived");

    private final String label;

    Origin(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
