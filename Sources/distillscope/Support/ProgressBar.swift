import Foundation

/// A one-line progress bar on stderr with rate and ETA. It appears only after `delay` seconds, so
/// short jobs print nothing, and redraws at most ten times a second.
final class ProgressBar {
    private let label: String
    private let delay: Double
    private var start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(label: String, delay: Double) {
        self.label = label
        self.delay = delay
    }

    /// Reports `done` of `total` bytes (total unknown for streams).
    func update(bytes done: Int, total: Int?, items: Int) {
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        guard elapsed >= delay, now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        drawn = true
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var line = "\(label) "
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let width = 24
            let filled = Int(fraction * Double(width))
            line += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            line += String(format: "%3.0f%% ", fraction * 100)
            if rate > 0 {
                let eta = Double(total - done) / rate
                line += "ETA \(Self.duration(eta)) "
            }
        }
        line += "\(Self.bytes(done)) at \(Self.bytes(Int(rate)))/s, \(items) docs"
        Terminal.writeControl("\r\u{1B}[K" + Terminal.safe(line))
    }

    /// Reports stage `done` of `total` (named `stage`), with an ETA from the stages done so far. Stages
    /// are drawn whenever they change, so long work between reads never looks stalled.
    func update(stage: String, done: Int, total: Int) {
        let now = Date()
        if done == 0 { stageClock = now }
        let elapsed = now.timeIntervalSince(start)
        guard elapsed >= delay else { return }
        lastDraw = now
        drawn = true
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 0
        let width = 24
        let filled = Int(fraction * Double(width))
        var line = "\(label) [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        line += "] stage \(min(done + 1, total)) of \(total): \(stage)"
        if done > 0 && done < total {
            let stageStart = stageClock ?? start
            line += ", ETA \(Self.duration(now.timeIntervalSince(stageStart) / Double(done) * Double(total - done)))"
        }
        Terminal.writeControl("\r\u{1B}[K" + Terminal.safe(line))
    }

    /// When the first stage began (stages' ETA counts from there, not from the read before them).
    private var stageClock: Date?

    /// Starts the clock again, for a new pass over the input (rate and ETA of that pass only).
    func restart() {
        start = Date()
        lastDraw = .distantPast
    }

    /// Clears the bar.
    func finish() {
        if drawn { Terminal.writeControl("\r\u{1B}[K") }
    }

    static func bytes(_ n: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var v = Double(n)
        var u = 0
        while v >= 1000 && u < units.count - 1 {
            v /= 1000
            u += 1
        }
        return u == 0 ? "\(n) B" : String(format: "%.1f %@", v, units[u])
    }

    static func duration(_ s: Double) -> String {
        guard s.isFinite else { return "?" }
        let t = Int(s.rounded())
        return t >= 3600
            ? String(format: "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String(format: "%d:%02d", t / 60, t % 60)
    }
}
