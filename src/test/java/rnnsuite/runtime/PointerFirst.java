package rnnsuite.runtime;

import java.util.Set;

/** A JVM that touches JavaCPP before the suite chooses its build, then chooses for an AVX2 CPU; prints what loaded. */
public final class PointerFirst {

    public static void main(String[] args) {
        System.out.println("limit " + org.bytedeco.javacpp.Pointer.maxPhysicalBytes());
        Natives.init(Set.of("avx", "avx2", "fma"));
        System.out.println("loaded " + Natives.build());
    }
}
