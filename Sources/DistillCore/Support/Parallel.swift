import Dispatch
import Foundation

/// Data-parallel helpers over Dispatch. Every iteration writes its own pre-sized slot and results
/// are returned in index order, so output never depends on scheduling or thread count.
public enum Parallel {
    /// `(0..<count).map(body)`, run on at most `threads` threads (never more: `--threads N` holds
    /// on a machine with more cores). The workers take indices in small chunks from a shared counter,
    /// so uneven work still spreads; each result lands in its own slot, so the output never depends on
    /// the scheduling.
    /// - Complexity: O(*count*) calls of `body`, spread over the threads.
    public static func map<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
        if count == 0 { return [] }
        let workers = min(threads, count)
        if workers <= 1 { return (0..<count).map(body) }
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            slots.deinitialize()
            slots.deallocate()
        }
        nonisolated(unsafe) let out = slots
        let next = IndexDispenser(count: count, chunk: max(1, count / (workers * 16)))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let range = next.take() {
                for i in range { out[i] = body(i) }
            }
        }
        return slots.map { $0! }
    }

    /// Hands out consecutive index ranges of `0..<count`, `chunk` at a time, to any thread.
    final class IndexDispenser: @unchecked Sendable {
        private let lock = NSLock()
        private var position = 0
        private let count: Int
        private let chunk: Int

        init(count: Int, chunk: Int) {
            self.count = count
            self.chunk = chunk
        }

        func take() -> Range<Int>? {
            lock.withLock {
                guard position < count else { return nil }
                let start = position
                position = min(count, position + chunk)
                return start..<position
            }
        }
    }
}

extension Parallel {
    /// Calls `body(i, load(i))` for `i` in `0..<count`, in order, with `load(i + 1)` running on a global
    /// queue while `body(i, …)` runs: a reference's data read from the store while the previous one is
    /// scored (reading is one thread's work; scoring leaves a core idle at times). At most two loaded
    /// values are held at once.
    /// - Throws: the first error of `load` or `body`, in index order (a later load is not waited for).
    static func prefetching<T: Sendable>(
        count: Int, load: @escaping @Sendable (Int) throws -> T, body: (Int, T) throws -> Void
    ) throws {
        guard count > 0 else { return }
        func start(_ i: Int) -> AsyncResult<Result<T, any Error>> {
            let result = AsyncResult<Result<T, any Error>>()
            result.start { Result { try load(i) } }
            return result
        }
        var next = start(0)
        for i in 0..<count {
            let value = try next.wait().get()
            if i + 1 < count { next = start(i + 1) }
            do {
                try body(i, value)
            } catch {
                _ = next.wait()  // not left running against a store the caller may close
                throw error
            }
        }
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
