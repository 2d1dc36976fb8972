import DistillKernels
import DistillKernelsWide
import Foundation

/// Checks that this CPU can run the kernels as they were built.
public enum CPUSupport {
    /// Whether the CPU reports AVX2 (from `/proc/cpuinfo` on Linux; assumed elsewhere, where the
    /// build does not enable it).
    public static let hasAVX2: Bool = {
        #if os(Linux) && arch(x86_64)
            guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return false }
            for line in info.split(separator: "\n") where line.hasPrefix("flags") {
                return line.split(separator: " ").contains("avx2")
            }
            return false
        #else
            return true
        #endif
    }()

    /// Whether the CPU reports AVX-512 F, BW, CD, DQ and VL (x86-64-v4; from `/proc/cpuinfo` on Linux,
    /// false elsewhere): the shingle kernel built for them (``DistillKernelsWide/ShingleKernel``) runs
    /// only then, and only when it was built for them.
    public static let hasAVX512: Bool = {
        #if os(Linux) && arch(x86_64)
            guard ShingleKernel.built, let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
            else { return false }
            for line in info.split(separator: "\n") where line.hasPrefix("flags") {
                let flags = Set(line.split(separator: " "))
                return ["avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"].allSatisfy {
                    flags.contains($0[...])
                }
            }
            return false
        #else
            return false
        #endif
    }()

    /// Throws a clear error, instead of letting the kernels die with SIGILL, when they were built
    /// for AVX2 and this CPU lacks it.
    public static func check() throws(DistillError) {
        if KernelBuild.usesAVX2 && !hasAVX2 {
            throw DistillError.unsupportedCPU(
                "this build of distillscope uses AVX2, which this CPU does not have; "
                    + "rebuild with `DISTILLSCOPE_PORTABLE=1 swift build -c release` for a portable binary")
        }
    }
}
