#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Wall time and resident memory of the engine's long stages, written to standard error when the
/// environment sets `DISTILLSCOPE_TRACE=1` — for measuring where a large run spends its time
/// (docs/scale.md). Never part of any output file; off by default, when it costs one branch a stage.
enum StageTrace {
    /// Whether tracing is on (read once).
    static let enabled: Bool = {
        guard let value = getenv("DISTILLSCOPE_TRACE") else { return false }
        return String(cString: value) == "1"
    }()

    private static let start = ContinuousClock.now

    /// Writes `[trace] seconds rss-MB label` to standard error when tracing is on; seconds count from
    /// the first line written.
    static func mark(_ label: @autoclosure () -> String) {
        guard enabled else { return }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let millis = Int((seconds * 1000).rounded())
        let line =
            "[trace] \(millis / 1000).\(String(1000 + millis % 1000).dropFirst()) s \(cpuSeconds()) cpu \(residentMegabytes()) MB \(label())\n"
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }

    /// The process's user and system time so far, in seconds with one decimal.
    private static func cpuSeconds() -> String {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return "?" }
        let micros =
            (Int(usage.ru_utime.tv_sec) + Int(usage.ru_stime.tv_sec)) * 1_000_000 + Int(usage.ru_utime.tv_usec)
            + Int(usage.ru_stime.tv_usec)
        return "\(micros / 1_000_000).\(micros / 100_000 % 10)"
    }

    /// The resident set size in MB from /proc/self/statm (0 where there is none).
    private static func residentMegabytes() -> Int {
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 128)
        guard fgets(&buffer, 128, file) != nil else { return 0 }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let fields = text.split(separator: " ")
        guard fields.count >= 2, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1_000_000
    }
}
