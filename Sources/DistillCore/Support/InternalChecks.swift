/// Invariant checks of the engine's hash tables and buffers — sortedness, partition membership,
/// every inserted key findable, load factors, bounds — compiled in only when the package is built
/// with `DISTILLSCOPE_INTERNAL_CHECKS=1` (the `DISTILL_INTERNAL_CHECKS` condition, Package.swift).
/// `.ci/run` runs the test suite with them; release builds carry none of their cost.
enum InternalChecks {
    /// Whether the checks are compiled in.
    static var enabled: Bool {
        #if DISTILL_INTERNAL_CHECKS
            true
        #else
            false
        #endif
    }

    /// Stops with `message` when `condition` is false, in builds with internal checks only.
    @inline(__always)
    static func require(
        _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID,
        line: UInt = #line
    ) {
        #if DISTILL_INTERNAL_CHECKS
            if !condition() { fatalError("internal check failed: \(message())", file: file, line: line) }
        #endif
    }

    /// Whether `keys` is strictly increasing (sorted, no repeats).
    static func strictlyIncreasing(_ keys: some Collection<UInt64>) -> Bool {
        var previous: UInt64?
        for k in keys {
            if let previous, previous >= k { return false }
            previous = k
        }
        return true
    }
}
