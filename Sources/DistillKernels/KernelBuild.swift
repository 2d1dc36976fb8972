/// How the kernels in this module were compiled.
///
/// This module holds the SIMD hot loops. On x86-64 it is compiled for x86-64-v3 (AVX2) unless the
/// package was built with `DISTILLSCOPE_PORTABLE=1`; nothing in it may run before the engine has
/// checked that the CPU supports what it was built for (``DistillCore/CPUSupport``).
public enum KernelBuild {
    /// True when the kernels use AVX2 instructions.
    #if DISTILL_AVX2
        public static let usesAVX2 = true
    #else
        public static let usesAVX2 = false
    #endif
}
