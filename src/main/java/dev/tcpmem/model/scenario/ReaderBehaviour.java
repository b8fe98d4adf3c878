package dev.tcpmem.model.scenario;

/** How the application (or the far end) reads a connection's receive queue. */
public sealed interface ReaderBehaviour permits ReaderBehaviour.Drains, ReaderBehaviour.Stalled, ReaderBehaviour.ReadsAt {

    /** Reads as fast as data arrives: nothing waits in the receive queue beyond one round trip. */
    record Drains() implements ReaderBehaviour {
    }

    /** Reads nothing: the receive queue fills to what the window allows. */
    record Stalled() implements ReaderBehaviour {
    }

    /** Reads at a fixed rate; data arriving faster queues up. */
    record ReadsAt(Rate rate) implements ReaderBehaviour {
    }

    ReaderBehaviour DRAINS = new Drains();
    ReaderBehaviour STALLED = new Stalled();
}
