import DistillCore
import Foundation
import Testing

/// `Parallel.map` runs at most `threads` workers at once (it used to hand every index to
/// `concurrentPerform`, which runs as many as there are cores) and keeps results in index order.
@Suite struct ParallelTests {
    final class Gauge: @unchecked Sendable {
        private let lock = NSLock()
        private var running = 0
        private(set) var peak = 0

        func enter() {
            lock.withLock {
                running += 1
                peak = max(peak, running)
            }
        }

        func leave() { lock.withLock { running -= 1 } }
    }

    @Test(arguments: [1, 2, 3]) func honoursTheThreadCount(threads: Int) {
        let gauge = Gauge()
        let out = Parallel.map(count: 48, threads: threads) { i -> Int in
            gauge.enter()
            Thread.sleep(forTimeInterval: 0.002)
            gauge.leave()
            return i * i
        }
        #expect(out == (0..<48).map { $0 * $0 })
        #expect(gauge.peak <= threads)
        #expect(gauge.peak >= 1)
    }

    @Test func unevenWorkAndEdgeCounts() {
        #expect(Parallel.map(count: 0, threads: 4) { $0 }.isEmpty)
        #expect(Parallel.map(count: 1, threads: 4) { $0 + 1 } == [1])
        let out = Parallel.map(count: 1000, threads: 4) { i -> Int in
            var x = 0
            for k in 0..<(i % 7 == 0 ? 20_000 : 10) { x &+= k }
            return x &+ i
        }
        #expect(out.count == 1000 && out[999] == (0..<10).reduce(0, +) + 999)
    }
}
