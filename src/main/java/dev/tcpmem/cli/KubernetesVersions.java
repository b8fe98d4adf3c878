package dev.tcpmem.cli;

/** Parses "1.32" into its minor version for the kubelet safe-sysctl rules. */
final class KubernetesVersions {

    private KubernetesVersions() {
    }

    static int minor(String version) {
        String[] p = version.strip().split("\\.");
        try {
            if (p.length == 2 && p[0].equals("1")) {
                int minor = Integer.parseInt(p[1]);
                if (minor >= 0 && minor < 1000) {
                    return minor;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserInputException("--kubernetes " + version + ": expected a version such as 1.32");
    }
}
