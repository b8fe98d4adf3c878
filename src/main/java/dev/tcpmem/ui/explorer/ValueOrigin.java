package dev.tcpmem.ui.explorer;

/** Where the value a pod or the node runs with comes from. */
public enum ValueOrigin {
    KERNEL_DEFAULT("kernel default"),
    NODE("set on the node"),
    INHERITED_FROM_NODE("inherited from the node"),
    POD("set in this pod");

    private final String words;

    ValueOrigin(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
