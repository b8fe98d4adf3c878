package dev.tcpmem.calibration;

import dev.tcpmem.io.calibration.AcceptQueueComparison;
import dev.tcpmem.io.calibration.AcceptQueueRecording;
import dev.tcpmem.io.calibration.FidelityComparison;
import dev.tcpmem.io.calibration.OrphanComparison;
import dev.tcpmem.io.calibration.OrphanRecording;
import dev.tcpmem.io.calibration.ProbeRecording;
import dev.tcpmem.io.calibration.RecordingComparison;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.result.EvaluationResult;
import dev.tcpmem.model.result.WorkloadResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints the per-case tables of FIDELITY.md: every number from the recordings and from running the model, nothing
 * typed by hand. Run with the test classpath:
 * {@code java -cp target/classes:target/test-classes:$(deps) dev.tcpmem.calibration.FidelityTable}.
 */
public final class FidelityTable {

    private FidelityTable() {
    }

    public static void main(String[] args) {
        StringBuilder out = new StringBuilder();
        StringBuilder summary = new StringBuilder();
        summary.append("| case | per-socket pages | node pages | status | measured in the model's band |\n"
                + "|---|---|---|---|---|\n");
        List<Path> files = Recordings.files().toList();
        for (Path f : files) {
            ProbeRecording rec = Recordings.load(f);
            EvaluationResult r = Recordings.evaluate(rec);
            FidelityComparison fc = FidelityComparison.of(rec, r);
            out.append("\n### ").append(rec.name()).append("\n\n");
            out.append(rec.scenario().description()).append("\n\n");
            out.append("| group | end | n | SO_RCVBUF meas / model | SO_SNDBUF meas / model | skmem rb meas | rbMax model | "
                    + "skmem tb meas | tbMax model | wscale meas / model | pages/sock meas | pages/sock model | err | "
                    + "model band (pages) |\n");
            out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (ProbeRecording.Group g : rec.groups()) {
                for (ProbeRecording.End e : g.ends()) {
                    WorkloadResult w = e.in(r);
                    ProbeRecording.Getsockopt gs = e.getsockopt().get(0);
                    double meas = e.mean("charged_pages");
                    double model = w.finalPagesPerConnection();
                    boolean ok = CalibrationReplayTest.socketWithin(meas, model);
                    out.append(String.format(Locale.ROOT,
                            "| %s | %s | %d | %d / %d | %d / %d | %s | %d | %s | %d | %d / %d | %s | %s | %s | %s |\n",
                            g.name(), e == g.server() ? "server" : "client", g.count(),
                            gs.soRcvbuf(), w.socket().rcvbufInitial(),
                            gs.soSndbuf(), w.socket().sndbufInitial(),
                            range(e, "rb"), w.socket().rcvbufMax(), range(e, "tb"), w.socket().sndbufMax(),
                            (long) e.stat("wscale_rcv").median(), w.socket().windowScale(),
                            num(meas), num(model), err(meas, model) + (ok ? "" : " **out**"),
                            band(pagesOf(fc, g, e))));
                }
            }
            double nm = rec.measuredNodePages();
            long nmod = r.node().finalPages();
            boolean nodeOk = CalibrationReplayTest.nodeWithin(nm, nmod, rec.nodeSlackPages());
            out.append(String.format(Locale.ROOT,
                    "\nNode pages (sockstat TCP mem Δ%s): measured %s, Σ skmem (r+w+f) %s, model %d, error %s "
                            + "(tolerance max(10 %%, %d pages)): %s\n",
                    rec.draining() ? ", mean of the second half" : "", num(nm), num(rec.measuredSkmemPages()), nmod,
                    err(nm, nmod), rec.nodeSlackPages(), nodeOk ? "within" : "**out**"));
            CalibrationReplayTest.KnownOut ko = CalibrationReplayTest.KNOWN_OUT.get(rec.name());
            String reason = ko == null ? null : ko.reason();
            if (reason != null) {
                out.append("\nKnown out: ").append(reason).append("\n");
            }
            boolean allSock = true;
            for (ProbeRecording.Group g : rec.groups()) {
                for (ProbeRecording.End e : g.ends()) {
                    allSock &= CalibrationReplayTest.socketWithin(e.mean("charged_pages"),
                            e.in(r).finalPagesPerConnection());
                }
            }
            summary.append(String.format(Locale.ROOT, "| %s | %s | %s (%s vs %d) | %s | %s |\n", rec.name(),
                    allSock ? "within" : "out", nodeOk ? "within" : "out", num(nm), nmod,
                    reason == null ? "within ±10 %" : "known out", inBand(fc)));
        }
        System.out.println("## Summary\n\n" + summary + "\n## Cases\n" + out);
        System.out.println(underPressure());
        System.out.println(acceptQueues());
        System.out.println(orphans());
    }

    /** The "orphans" section: tools/calibrate/orphans.py recordings against the model. */
    static String orphans() {
        StringBuilder t = new StringBuilder("| case | tcp_orphan_retries | orphans meas / model | send queue per orphan "
                + "meas / model (pages) | err | gone after close() meas / model (s) | err |\n|---|---|---|---|---|---|---|\n");
        try {
            for (String name : OrphanReplayTest.CASES) {
                OrphanRecording rec = OrphanReplayTest.recording(name);
                OrphanComparison c = (OrphanComparison) RecordingComparison.of(rec, SysctlCatalog.bundled());
                var o = c.orphans();
                double pages = c.pagesPerOrphan().measured();
                double gone = c.lifetimeSeconds().measured();
                t.append(String.format(Locale.ROOT, "| %s | %d | %d / %d | %s / %s | %s | %s / %s | %s |\n", name,
                        rec.orphanRetries(), rec.measuredOrphans(),
                        o.peakOrphans(), num(pages), num(o.peakPagesPerOrphan()), err(pages, o.peakPagesPerOrphan()),
                        num(gone), num(o.lifetimeSeconds()), err(gone, o.lifetimeSeconds())));
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(e);
        }
        return "## Orphans: connections closed with unsent data\n\n"
                + "Recorded by `tools/calibrate/orphans.py` (veth, MTU 1500, 50 bulk writers whose peer is up but reads "
                + "nothing, writing when poll() reports POLLOUT like probe.py's, all closed at once), replayed by `OrphanReplayTest` (send queue ±10 %, lifetime ±3 %: the "
                + "timer wheel fires the long probe timers late by up to its granularity).\n\n" + t;
    }

    /** The "accept queues" section: tools/calibrate/accept_queue.py recordings against the model. */
    static String acceptQueues() {
        StringBuilder t = new StringBuilder("| case | backlog / somaxconn | queued meas / model | pages per waiting "
                + "socket meas / model | err | cgroup while waiting meas / model | cgroup after accept() meas / model "
                + "(pages) | err |\n|---|---|---|---|---|---|---|---|\n");
        try {
            for (String name : AcceptQueueReplayTest.CASES) {
                AcceptQueueRecording rec = AcceptQueueReplayTest.recording(name);
                AcceptQueueComparison c = (AcceptQueueComparison) RecordingComparison.of(rec, SysctlCatalog.bundled());
                EvaluationResult r = c.waiting();
                var q = r.pods().get(0).workloads().get(0).acceptQueue().orElseThrow();
                double pm = c.pagesPerWaitingSocket().measured();
                double after = c.usageAfterAccept().measured() / 4096;
                double afterModel = c.usageAfterAccept().modelled() / 4096.0;
                t.append(String.format(Locale.ROOT, "| %s | %d / %d | %d / %d | %s / %s | %s | %s / %s | %s / %s | %s |\n",
                        name, rec.backlog(), rec.somaxconn(),
                        rec.measuredQueued(), q.queued(), num(pm),
                        num(q.peakPagesPerConnection()), err(pm, q.peakPagesPerConnection()),
                        num(rec.measuredUsageWaiting() / 4096.0),
                        num(r.pods().get(0).memcg().chargedBytesPeak() / 4096.0), num(after), num(afterModel),
                        err(after, afterModel)));
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(e);
        }
        return "## Accept queues: connections waiting for accept() (cgroup v1 kmem.tcp)\n\n"
                + "Recorded by `tools/calibrate/accept_queue.py` (veth, MTU 1500, a listener that does not accept, "
                + "clients writing until full), replayed by `AcceptQueueReplayTest`: the queue length and the cgroup's "
                + "charge while waiting are exact; pages per socket and the charge once accept() takes them are "
                + "within ±10 %.\n\n" + t;
    }

    /** The "under pressure" section: the recordings made in the probe's cgroup-v1 memory cgroup. */
    static String underPressure() {
        StringBuilder sum = new StringBuilder("| case | kmem.tcp limit | cgroup usage meas / model (pages) | err | "
                + "pod pressure meas / model | status | measured in the model's band |\n|---|---|---|---|---|---|---|\n");
        StringBuilder cases = new StringBuilder();
        for (Path f : Recordings.memcgFiles().toList()) {
            ProbeRecording rec = Recordings.load(f);
            EvaluationResult r = Recordings.evaluate(rec);
            double mu = rec.measuredMemcgPages();
            double mo = PressureReplayTest.modelledUsagePages(rec, r);
            ProbeRecording.Memcg m = rec.memcg().orElseThrow();
            boolean limited = m.tcpLimitBytes().isPresent();
            boolean reached = limited && m.steadyMaxUsageBytes() >= m.steadyLimitBytes();
            boolean modelReached = PressureReplayTest.memcgPod(rec, r).memcg().pressureReached();
            List<CalibrationReplayTest.Deviation> outs = PressureReplayTest.outOfTolerance(rec, r);
            CalibrationReplayTest.KnownOut ko = PressureReplayTest.KNOWN_OUT.get(rec.name());
            FidelityComparison fc = FidelityComparison.of(rec, r);
            sum.append(String.format(Locale.ROOT, "| %s | %s | %s / %s | %s | %s / %s | %s | %s |\n", rec.name(),
                    limited ? mib(m.tcpLimitBytes().get()) : "none (not accounted)", num(mu), num(mo),
                    err(mu, mo), reached ? "yes" : "no", modelReached ? "yes" : "no",
                    outs.isEmpty() ? "within ±15 %" : ko != null ? "known out" : "**out**", inBand(fc)));
            cases.append("\n#### ").append(rec.name()).append("\n\n").append(rec.scenario().description()).append("\n\n");
            cases.append("| group | end | in cgroup | n | r meas min–max | r meas mean | r model | err | w meas min–max | "
                    + "w meas mean | w model | err | rb meas | tb meas | model band: pages; r; w |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (ProbeRecording.Group g : rec.groups()) {
                for (ProbeRecording.End e : g.ends()) {
                    WorkloadResult w = e.in(r);
                    double rm = e.mean("r");
                    double wm = e.mean("w");
                    FidelityComparison.EndRow row = rowOf(fc, g, e);
                    String bands = row.pagesPerSocket().band().isEmpty() ? "exact" : band(row.pagesPerSocket())
                            + "; " + row.receiveQueue().map(FidelityTable::band).orElse("exact")
                            + "; " + row.sendQueue().map(FidelityTable::band).orElse("exact");
                    cases.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
                            g.name(), e == g.server() ? "server" : "client", rec.memcgPod().filter(e.pod()::equals).isPresent() ? "yes" : "no",
                            g.count(), range(e, "r"), num(rm), num(w.finalReceiveQueueBytes()),
                            qerr(rm, w.finalReceiveQueueBytes()), range(e, "w"), num(wm), num(w.finalSendQueueBytes()),
                            qerr(wm, w.finalSendQueueBytes()), range(e, "rb"), range(e, "tb"), bands));
                }
            }
            cases.append(String.format(Locale.ROOT, "\nCgroup TCP usage%s: measured %s pages (peak %s, failcnt %d), "
                            + "model %s, error %s; node sockstat Δ %s pages, model %d.%s\n",
                    rec.draining() ? " (mean of the second half)" : "", num(mu),
                    num(m.steadyMaxUsageBytes() / 4096.0), m.steadyFailcnt(), num(mo),
                    err(mu, mo), num(rec.measuredNodePages()), r.node().finalPages(),
                    ko == null ? "" : "\n\nKnown out: " + ko.reason()));
        }
        return "## Under pressure: a pod's own memory cgroup (cgroup v1 kmem.tcp)\n\n" + sum + "\n### Cases\n" + cases;
    }

    private static FidelityComparison.EndRow rowOf(FidelityComparison fc, ProbeRecording.Group g, ProbeRecording.End e) {
        return fc.ends().stream().filter(x -> x.group() == g && x.end() == e).findFirst().orElseThrow();
    }

    private static FidelityComparison.Quantity pagesOf(FidelityComparison fc, ProbeRecording.Group g,
                                                       ProbeRecording.End e) {
        return rowOf(fc, g, e).pagesPerSocket();
    }

    /** "16–40 in", "683–1041 **outside**", or "exact" where the model's rule is exact (no band). */
    static String band(FidelityComparison.Quantity q) {
        return q.band().map(b -> num(b.low()) + "–" + num(b.high()) + (q.inBand().orElseThrow() ? " in"
                : " **outside**")).orElse("exact");
    }

    /** Per case: whether every banded per-socket quantity's measurement lies in its band. */
    static String inBand(FidelityComparison fc) {
        List<FidelityComparison.Quantity> banded = fc.withBand().stream()
                .filter(q -> q.kind() != FidelityComparison.Kind.NODE_PAGES).toList();
        if (banded.isEmpty()) {
            return "no band (exact rules)";
        }
        List<String> outside = banded.stream().filter(q -> !q.inBand().orElseThrow()).map(q -> q.what()).toList();
        return outside.isEmpty() ? "yes (" + banded.size() + " of " + banded.size() + ")"
                : "**no**: " + String.join(", ", outside) + " (" + (banded.size() - outside.size()) + " of "
                        + banded.size() + ")";
    }

    private static String mib(long bytes) {
        return num(bytes / 1048576.0) + " MiB";
    }

    private static String qerr(double measured, double model) {
        return err(measured, model) + (PressureReplayTest.queueWithin(measured, model) ? "" : " **out**");
    }

    private static String range(ProbeRecording.End e, String f) {
        long a = e.min(f);
        long b = e.max(f);
        return a == b ? Long.toString(a) : a + "–" + b;
    }

    static String num(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? Long.toString((long) Math.rint(v)) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String err(double measured, double model) {
        if (measured == 0) {
            return model == 0 ? "0 %" : "n/a (meas. 0)";
        }
        return String.format(Locale.ROOT, "%+.1f %%", 100 * (model - measured) / measured);
    }
}
