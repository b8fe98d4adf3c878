package dev.tcpmem.ui.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpmem.io.SampleScenarios;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.scenario.Scenario;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The app asks for its first evaluation as the window is shown and holds the results back until the first frame
 * is laid out (DesktopApp): nothing may reach the JavaFX thread while held, everything must once released, in the
 * order the worker produced it, and later results must pass straight through.
 */
class LiveEvaluationHoldTest {

    @Test
    void heldResultsReachTheFxThreadOnlyWhenReleasedAndInTheirOrder() throws Exception {
        SysctlCatalog catalog = SysctlCatalog.bundled();
        Scenario cassandra = SampleScenarios.load(SampleScenarios.cassandra(), catalog);
        List<Runnable> fxQueue = new CopyOnWriteArrayList<>();
        LiveEvaluation live = new LiveEvaluation(catalog, fxQueue::add);

        live.holdResults();
        live.request(cassandra);
        // the worker makes two results: the node and socket charts' evaluation, then the same with the sweep
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (live.heldResults() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(live.heldResults()).isEqualTo(2);
        assertThat(fxQueue).isEmpty();

        live.releaseResults();
        assertThat(fxQueue).hasSize(2);
        fxQueue.get(0).run();
        assertThat(live.latestProperty().get().sweep()).isEmpty();
        fxQueue.get(1).run();
        assertThat(live.latestProperty().get().sweep()).isPresent();

        // released for good: the next edit's results go straight to the JavaFX thread
        live.request(new Scenario("edited", cassandra.description(), cassandra.node(), cassandra.pods(), cassandra.timeline()));
        while (fxQueue.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(fxQueue.size()).isGreaterThanOrEqualTo(3);
        assertThat(live.heldResults()).isZero();
    }
}
