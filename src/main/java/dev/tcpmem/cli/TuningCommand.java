package dev.tcpmem.cli;

import dev.tcpmem.io.AtomicFiles;
import dev.tcpmem.io.TuningExport;
import dev.tcpmem.kernel.SysctlCatalog;
import dev.tcpmem.model.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tuning FILE [--kubernetes 1.N] [--out DIR]}: the scenario's settings as files an operator applies. */
@Command(name = "tuning", mixinStandardHelpOptions = true,
        description = "Write the scenario's tuning ready to apply: /etc/sysctl.d conf for the node, each pod's "
                + "securityContext.sysctls, and the kubelet allowedUnsafeSysctls they need.")
public final class TuningCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "a *.tcpmem.json scenario")
    Path file;

    @Option(names = "--kubernetes", paramLabel = "1.N", defaultValue = "1.32",
            description = "the cluster's Kubernetes version (default: ${DEFAULT-VALUE})")
    String kubernetes;

    @Option(names = "--out", paramLabel = "DIR",
            description = "write 90-tcpmem.conf, pod-sysctls.yaml and kubelet-unsafe-sysctls.yaml here instead of stdout")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SysctlCatalog catalog = SysctlCatalog.bundled();
        Scenario s = ScenarioFiles.read(file, catalog);
        int minor = KubernetesVersions.minor(kubernetes);
        TuningExport t = new TuningExport(catalog);
        String conf = t.sysctlConf(s);
        String pods = t.podSecurityContexts(s);
        String kubelet = t.kubeletAllowList(s, minor);
        if (out != null) {
            Files.createDirectories(out);
            AtomicFiles.write(out.resolve("90-tcpmem.conf"), conf.getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(out.resolve("pod-sysctls.yaml"), pods.getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(out.resolve("kubelet-unsafe-sysctls.yaml"), kubelet.getBytes(StandardCharsets.UTF_8));
        } else {
            PrintWriter w = spec.commandLine().getOut();
            w.println("### /etc/sysctl.d/90-tcpmem.conf");
            w.print(conf);
            w.println("### pod securityContext.sysctls");
            w.print(pods);
            w.println("### kubelet configuration");
            w.print(kubelet);
            w.flush();
        }
        return TcpmemCommand.OK;
    }
}
