package dev.tcpmem.model.result;

/**
 * Where the kernel may leave a connection's queues at rest when the model's value for them is an expected value
 * inside a band the kernel's rules leave open (a blocked writer's send queue, tcp_notsent_lowat's unsent bytes, a
 * reader sharing the CPU with a bulk writer), not an exact rule. A queue whose rule is exact has low = high = the
 * model's value. Bytes are truesize bytes per connection (ss skmem r / w); pages are what one connection is charged
 * (ceil((r + w) / 4096)) at each end of the band.
 *
 * @param why one sentence naming the kernel rule that leaves the band open
 */
public record QueueBand(double receiveQueueLow, double receiveQueueHigh, double sendQueueLow, double sendQueueHigh,
                        double pagesLow, double pagesHigh, String why) {

    public QueueBand {
        if (!(receiveQueueLow <= receiveQueueHigh && sendQueueLow <= sendQueueHigh && pagesLow <= pagesHigh)) {
            throw new IllegalArgumentException("band ends out of order");
        }
    }

    /** Whether a measured value of pages per connection lies in the band (ends included). */
    public boolean pagesInBand(double pages) {
        return pages >= pagesLow && pages <= pagesHigh;
    }
}
