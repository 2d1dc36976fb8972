// Subword tokenisation throughput on one thread (MB/s of UTF-8 input), printed as JSON.
//
// Usage: tokenizer-bench REPO_ROOT [MEGABYTES]
// Input: the texts of Samples/{teacher,student,control}.jsonl.gz concatenated and repeated to
// MEGABYTES (default 8) of English prose ("prose"), and the committed tokenizer vectors (emoji,
// CJK, code, white space runs, numbers) repeated the same way ("varied"). Each figure is the best
// of five runs of one `SubwordTokenizer.Session` over the texts, split into ~2 KB documents, timed
// by the thread's CPU clock (CLOCK_THREAD_CPUTIME_ID: per-core speed, robust to other processes on
// a shared machine) and, for reference, by the wall clock.
import DistillCore
import Foundation

func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

let root = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "."
let megabytes = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 8 : 8
let target = megabytes << 20

func repeated(_ texts: [String]) -> [String] {
    var out: [String] = []
    var size = 0
    while size < target {
        for t in texts where size < target {
            out.append(t)
            size += t.utf8.count
        }
    }
    return out
}

let samples = try CorpusReader(paths: ["teacher", "student", "control"].map { "\(root)/Samples/\($0).jsonl.gz" })
    .readAll().documents.map(\.text)
let vectorData = try Data(contentsOf: URL(fileURLWithPath: "\(root)/Tests/DistillCoreTests/Fixtures/tokenizer-vectors.json"))
let vectorObject = try JSONSerialization.jsonObject(with: vectorData) as! [String: Any]
let vectorTexts = (vectorObject["vectors"] as! [[String: Any]]).map { $0["text"] as! String }
// Group the short vector strings into ~2 KB documents.
var grouped: [String] = []
var current = ""
for t in vectorTexts {
    current += t + "\n"
    if current.utf8.count > 2000 {
        grouped.append(current)
        current = ""
    }
}
let inputs = ["prose": repeated(samples), "varied": repeated(grouped)]

var results: [String: [String: Double]] = [:]
for file in [
    "cl100k_base.tiktoken.gz", "o200k_base.tiktoken.gz", "anthropic-tokenizer.json.gz", "gpt2-vocab.json.gz",
    "mistral-v1-tokenizer.json.gz",
] {
    let tokenizer = try SubwordTokenizer.load(path: "\(root)/Tests/DistillCoreTests/Fixtures/tokenizers/\(file)")
    var row: [String: Double] = [:]
    for (name, texts) in inputs.sorted(by: { $0.key < $1.key }) {
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        var best = Double.infinity
        var bestWall = Double.infinity
        var tokens = 0
        for _ in 0..<5 {
            var session = SubwordTokenizer.Session(tokenizer)
            var out: [Int32] = []
            out.reserveCapacity(bytes / 2)
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = threadCPUSeconds()
            for t in texts { session.encode(t, into: &out) }
            best = min(best, threadCPUSeconds() - cpuStart)
            bestWall = min(bestWall, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            tokens = out.count
        }
        row[name + "MBps"] = (Double(bytes) / 1_048_576 / best * 10).rounded() / 10
        row[name + "WallMBps"] = (Double(bytes) / 1_048_576 / bestWall * 10).rounded() / 10
        row[name + "BytesPerToken"] = (Double(bytes) / Double(tokens) * 100).rounded() / 100
    }
    results[file] = row
}
let json = try JSONSerialization.data(withJSONObject: results, options: [.prettyPrinted, .sortedKeys])
print(String(decoding: json, as: UTF8.self))
