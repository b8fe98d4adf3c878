package dev.tcpmem.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest (set by Maven). */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"tcpmem-explorer " + (v == null ? "(development build)" : v)};
    }
}
