package dev.tcpmem.kernel;

/**
 * How the kernel turns receive buffer space (skb truesize bytes, sk_rcvbuf) into advertised window (payload bytes),
 * and back. The rule changed in 6.6; {@link KernelProfile#windowRule} picks the one for a release.
 */
public sealed interface WindowRule permits WindowRule.AdvWinScale, WindowRule.ScalingRatio {

    /** tcp_win_from_space(): window (payload) that fits in this much buffer space. */
    long winFromSpace(long space);

    /** Buffer space needed to advertise this window (inverse of {@link #winFromSpace}, rounded up). */
    long spaceFromWin(long win);

    /**
     * Receive buffer DRS asks for to advertise rcvwin (tcp_rcv_space_adjust), for segments of advmss payload each
     * charged rxTruesize.
     */
    long drsRcvbuf(long rcvwin, long advmss);

    String formula();

    String source();

    /**
     * Up to 6.5: s = net.ipv4.tcp_adv_win_scale; win = space - (space >> s) for s > 0, space >> -s for s <= 0.
     * include/net/tcp.h tcp_win_from_space() (v4.15 … v6.5).
     */
    record AdvWinScale(int scale) implements WindowRule {
        public AdvWinScale {
            if (scale < -31 || scale > 31) {
                throw new IllegalArgumentException("tcp_adv_win_scale must be in -31..31, got " + scale);
            }
        }

        @Override
        public long winFromSpace(long space) {
            return scale <= 0 ? space >> -scale : space - (space >> scale);
        }

        @Override
        public long spaceFromWin(long win) {
            if (scale <= 0) {
                return win << -scale;
            }
            // smallest space with space - (space >> s) >= win
            long guess = (long) Math.ceil((double) win * (1L << scale) / ((1L << scale) - 1));
            while (guess > 0 && winFromSpace(guess - 1) >= win) {
                guess--;
            }
            while (winFromSpace(guess) < win) {
                guess++;
            }
            return guess;
        }

        /**
         * net/ipv4/tcp_input.c tcp_rcv_space_adjust() (v4.19 … v6.5): rcvmem = SKB_TRUESIZE(advmss + MAX_TCP_HEADER),
         * raised by 128 until tcp_win_from_space(rcvmem) >= advmss; rcvbuf = (rcvwin / advmss) * rcvmem.
         */
        @Override
        public long drsRcvbuf(long rcvwin, long advmss) {
            long rcvmem = SkbTruesize.truesize(advmss + SkbTruesize.MAX_TCP_HEADER);
            while (winFromSpace(rcvmem) < advmss) {
                rcvmem += 128;
            }
            return Math.multiplyExact(rcvwin / Math.max(1, advmss), rcvmem);
        }

        @Override
        public String formula() {
            return scale <= 0 ? "window = space >> " + (-scale) : "window = space - (space >> " + scale + ")";
        }

        @Override
        public String source() {
            return "include/net/tcp.h tcp_win_from_space() with net.ipv4.tcp_adv_win_scale (<= 6.5)";
        }
    }

    /**
     * From 6.6: window = space * scaling_ratio >> 8, the ratio measured per socket as skb->len / skb->truesize of
     * received data (include/net/tcp.h tcp_win_from_space(), net/ipv4/tcp_input.c tcp_measure_rcv_mss(); commit
     * dfa2f0483360 "tcp: get rid of sysctl_tcp_adv_win_scale").
     */
    record ScalingRatio(int ratio) implements WindowRule {
        public ScalingRatio {
            if (ratio < 1 || ratio > 255) {
                throw new IllegalArgumentException("scaling_ratio is a u8 in 1..255, got " + ratio);
            }
        }

        @Override
        public long winFromSpace(long space) {
            return space > Long.MAX_VALUE / ratio ? (space >> SkbTruesize.TCP_RMEM_TO_WIN_SCALE) * ratio
                    : (space * ratio) >> SkbTruesize.TCP_RMEM_TO_WIN_SCALE;
        }

        /** include/net/tcp.h tcp_space_from_win(): (win << 8) / scaling_ratio. */
        @Override
        public long spaceFromWin(long win) {
            return (win << SkbTruesize.TCP_RMEM_TO_WIN_SCALE) / ratio;
        }

        /** net/ipv4/tcp_input.c tcp_rcv_space_adjust() (>= 6.6): rcvbuf = tcp_space_from_win(rcvwin). */
        @Override
        public long drsRcvbuf(long rcvwin, long advmss) {
            return spaceFromWin(rcvwin);
        }

        @Override
        public String formula() {
            return "window = space * " + ratio + " / 256";
        }

        @Override
        public String source() {
            return "include/net/tcp.h tcp_win_from_space() with tp->scaling_ratio (>= 6.6)";
        }
    }
}
