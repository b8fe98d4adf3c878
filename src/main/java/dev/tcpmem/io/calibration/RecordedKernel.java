package dev.tcpmem.io.calibration;

import dev.tcpmem.kernel.KernelVersion;
import java.util.List;
import java.util.Optional;

/** The kernel profile the model runs a recording with, from the recorded {@code uname -r}. */
final class RecordedKernel {

    private RecordedKernel() {
    }

    /**
     * The release's own profile when the tool has one, else the nearest known at or below it (the oldest for an older
     * kernel); a note says which was used when it is not the release's own.
     */
    static KernelVersion profile(RecordingField kernel, List<String> notes) throws RecordingProblem {
        String release = kernel.string();
        Optional<KernelVersion> measured = KernelVersion.tryParse(release);
        if (measured.isEmpty()) {
            throw kernel.bad("\"" + release + "\" is not a kernel release: expected what uname -r prints, such as "
                    + "6.18.44 or 5.15.0-91-generic");
        }
        KernelVersion profile = measured.get().nearestSupported();
        if (profile.compareTo(measured.get()) > 0) {
            notes.add("kernel " + measured.get() + " is older than every profile: modelled with the " + profile
                    + " profile, the oldest (known: " + KernelVersion.SUPPORTED + ")");
        } else if (!profile.equals(measured.get())) {
            notes.add("kernel " + measured.get() + " has no profile of its own: modelled with the " + profile
                    + " profile, the nearest known at or below it (known: " + KernelVersion.SUPPORTED + ")");
        }
        return profile;
    }
}
