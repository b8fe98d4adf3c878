/**
 * The TCP socket-memory model: plain records and pure functions over {@link dev.tcpmem.model.scenario.Scenario}.
 *
 * <p>Entry points: {@link dev.tcpmem.model.ScenarioEvaluator#evaluate(dev.tcpmem.model.scenario.Scenario,
 * java.util.Map)} (kernel defaults as a map) or with a {@link dev.tcpmem.kernel.SysctlCatalog}; and
 * {@link dev.tcpmem.model.sweep.Sweep#run} for sweeps. Results are {@link dev.tcpmem.model.result.EvaluationResult}
 * records; every socket and node number carries a {@link dev.tcpmem.model.derivation.Derivation}.
 *
 * <p>Layers: {@code sysctl} (effective values and their origin), {@code socket} (per-workload buffer and window
 * rules, evaluated once per group), {@code node} (tcp_mem thresholds and hysteresis), {@code timeline} (fluid
 * simulation, O(steps x changed workloads)), {@code sweep}, {@code result}, {@code derivation}.
 */
package dev.tcpmem.model;
