package rnnsuite;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import rnnsuite.runtime.Natives;

/**
 * Selects ND4J's native build for this CPU before any test touches ND4J, as the entry points do;
 * otherwise a test run on a CPU without AVX-512 would load the AVX-512 build and exit.
 */
public final class NativesSetup implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Natives.init();
    }
}
