import Dispatch

/// Data-parallel helpers over Dispatch. Every iteration writes its own pre-sized slot and results
/// are returned in index order, so output never depends on scheduling or thread count.
public enum Parallel {
    /// `(0..<count).map(body)`, run on up to `threads` threads.
    /// - Complexity: O(*count*) calls of `body`, spread over the threads.
    public static func map<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
        if count == 0 { return [] }
        if threads <= 1 || count == 1 { return (0..<count).map(body) }
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            slots.deinitialize()
            slots.deallocate()
        }
        nonisolated(unsafe) let out = slots
        DispatchQueue.concurrentPerform(iterations: count) { i in
            out[i] = body(i)
        }
        return slots.map { $0! }
    }
}

/// A value computed on a global queue and waited for once.
final class AsyncResult<T: Sendable>: @unchecked Sendable {
    // Written once on the worker before `group.leave()`, read after `group.wait()`: the group
    // orders the two, so no lock is needed.
    private var value: T?
    private let group = DispatchGroup()

    func start(_ work: @escaping @Sendable () -> T) {
        group.enter()
        DispatchQueue.global().async {
            self.value = work()
            self.group.leave()
        }
    }

    func wait() -> T {
        group.wait()
        return value!
    }
}
