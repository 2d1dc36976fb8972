import DistillCore
import DistillTestSupport
import Foundation
import Testing

/// `watermark detect|radioactivity --scheme kgw|synthid` on token-id corpora (`--token-ids`): the
/// decisions, the JSON, byte-identical output on any thread count, keys never printed, one-sentence
/// errors with exit 2; and the examples of docs/watermark.md, which run on the files in
/// docs/examples/watermark/ (regenerated from the seeds here).
@Suite struct WatermarkDeployedCommandTests {
    static let examples = "docs/examples/watermark/"
    static let model = DeployedWatermarkText(vocabularySize: 2000)
    static let kgwKey: UInt64 = 0xC0FFEE

    static func kgwScheme() throws -> KGWScheme { try KGWScheme(vocabularySize: 2000, gamma: 0.5, hashKey: kgwKey) }

    static func synthIDKeys() -> [Int64] {
        var rng = RepeatableRandomNumberGenerator(seed: 99)
        return (0..<8).map { _ in Int64(bitPattern: rng.next()) }
    }

    static func synthIDScheme() throws -> SynthIDScheme {
        try SynthIDScheme(keys: synthIDKeys(), ngramLength: 3, samplingTableSize: 1024, samplingTableSeed: 5)
    }

    /// The example corpora by file name (without `.jsonl.gz`), generated from fixed seeds.
    static func exampleCorpora() throws -> [(name: String, documents: [WatermarkDocument])] {
        let kgw = DeployedWatermarkText.kgw(try kgwScheme(), delta: 2)
        let synthID = DeployedWatermarkText.synthID(try synthIDScheme())
        let teacher = model.generate(watermark: kgw, count: 60, length: 200, seed: 60).enumerated().map {
            WatermarkDocument(id: "t\($0)", textIDs: $1)
        }
        return [
            ("kgw-teacher", teacher),
            ("kgw-student", model.student(teacher: kgw, markedFraction: 0.1, seed: 40)),
            ("synthid-student", model.student(teacher: synthID, markedFraction: 0.1, seed: 40)),
            // Trained on no teacher text: the control of both schemes.
            ("control", model.student(teacher: kgw, markedFraction: 0, seed: 40)),
        ]
    }

    static func path(_ name: String) -> String {
        CommandRunner.repositoryRoot.appendingPathComponent(examples + name).path
    }

    /// The committed example files hold exactly what the seeds generate. With
    /// `DISTILLSCOPE_RECORD_EXAMPLES=1` the plain JSONL is written beside them (then `gzip -n -9`).
    @Test func examplesAreReproducible() throws {
        let record = ProcessInfo.processInfo.environment["DISTILLSCOPE_RECORD_EXAMPLES"] == "1"
        for (name, documents) in try Self.exampleCorpora() {
            if record {
                try DeployedWatermarkText.jsonl(documents).write(
                    toFile: Self.path(name + ".jsonl"), atomically: true, encoding: .utf8)
                try (Self.synthIDKeys().map(String.init).joined(separator: "\n") + "\n").write(
                    toFile: Self.path("synthid-keys.txt"), atomically: true, encoding: .utf8)
                try "0xC0FFEE\n".write(toFile: Self.path("kgw-key.txt"), atomically: true, encoding: .utf8)
                continue
            }
            let read = try WatermarkCorpus.read(
                paths: [Self.path(name + ".jsonl.gz")], options: CorpusOptions(threads: 1), tokenization: .tokenIDs,
                prompts: true
            ).documents
            #expect(read == documents, "\(name)")
        }
        if !record {
            let keys = try String(contentsOfFile: Self.path("synthid-keys.txt"), encoding: .utf8)
            #expect(try SynthIDScheme.parseKeys(keys, source: "file") == Self.synthIDKeys())
        }
    }

    private func object(_ result: CommandResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any], "\(result.stderr)")
    }

    private func score(_ result: CommandResult, _ field: String) throws -> [String: Any] {
        let o = try object(result)
        if field == "corpus" { return try #require(o["corpus"] as? [String: Any]) }
        return try #require((o["result"] as? [String: Any])?["score"] as? [String: Any])
    }

    private func expectNoKeys(_ result: CommandResult, sourceLocation: SourceLocation = #_sourceLocation) {
        var secrets = ["c0ffee", "12648430"]
        secrets += Self.synthIDKeys().map { String($0) }
        for text in [result.stdout.lowercased(), result.stderr.lowercased()] {
            for secret in secrets { #expect(!text.contains(secret), "\(secret)", sourceLocation: sourceLocation) }
        }
    }

    static let kgwOptions = [
        "--scheme", "kgw", "--token-ids", "--vocab-size", "2000", "--key-file", path("kgw-key.txt"),
    ]
    static let synthIDOptions = [
        "--scheme", "synthid", "--token-ids", "--keys-file", path("synthid-keys.txt"), "--ngram-len", "3",
        "--sampling-table-size", "1024", "--sampling-table-seed", "5",
    ]

    @Test func kgwDetectAndRadioactivity() throws {
        let teacher = try CommandRunner.run(
            ["watermark", "detect", Self.path("kgw-teacher.jsonl.gz"), "--json", "-"] + Self.kgwOptions)
        #expect(teacher.status == 1, "\(teacher.stderr)")
        let t = try object(teacher)
        #expect(t["keyFingerprint"] as? String == WatermarkKey(Self.kgwKey).fingerprint)
        #expect((t["parameters"] as? [String: Any])?["scheme"] as? String == "kgw")
        let deployed = try #require(t["deployed"] as? [String: Any])
        #expect(deployed["vocabSize"] as? Int == 2000 && deployed["fScheme"] as? String == "time")
        #expect(deployed["gamma"] as? Double == 0.5 && deployed["greenListSize"] as? Int == 1000)
        // Per-document z is MarkLLM's.
        let documents = try #require(t["documents"] as? [[String: Any]])
        let first = try WatermarkCorpus.read(
            paths: [Self.path("kgw-teacher.jsonl.gz")], options: CorpusOptions(threads: 1), tokenization: .tokenIDs,
            prompts: false
        ).documents[0]
        let reference = try KGWDetector(scheme: try Self.kgwScheme()).score(ids: first.textIDs.map { Int($0) })
        #expect((documents[0]["score"] as? [String: Any])?["z"] as? Double == reference.z)
        expectNoKeys(teacher)

        let student = try CommandRunner.run(
            ["watermark", "radioactivity", Self.path("kgw-student.jsonl.gz"), "--json", "-"] + Self.kgwOptions)
        #expect(student.status == 1, "\(student.stderr)")
        let s = try score(student, "result")
        #expect(try #require(s["log10P"] as? Double) <= -6)
        #expect(s["scheme"] as? String == "kgw")
        // docs/watermark.md's Swift example gives the same test.
        let scheme = try KGWScheme(vocabularySize: 2000, gamma: 0.5, hashKey: 0xC0FFEE)
        let outcome = try DeployedWatermark.kgw(scheme, ignoreRepeatedNgrams: false)
            .radioactivity(suspect: [Self.path("kgw-student.jsonl.gz")], tokenization: .tokenIDs)
        #expect(outcome.finding)
        #expect(abs(outcome.result.score.log10P - (s["log10P"] as? Double ?? 0)) < 1e-9)
        let control = try CommandRunner.run(
            ["watermark", "radioactivity", Self.path("control.jsonl.gz"), "--json", "-"] + Self.kgwOptions)
        #expect(control.status == 0, "\(control.stderr)")
        #expect(try #require(try score(control, "result")["log10P"] as? Double) > -2)
        let text = try CommandRunner.run(
            ["watermark", "radioactivity", Self.path("kgw-student.jsonl.gz")] + Self.kgwOptions)
        #expect(text.stdout.contains("vocab_size=2000 gamma=0.5 prefix_length=1 f_scheme=time"))
        #expect(text.stdout.contains("Radioactive"))
        expectNoKeys(student)
        expectNoKeys(text)
    }

    @Test func synthIDDetectAndRadioactivity() throws {
        let student = try CommandRunner.run(
            ["watermark", "radioactivity", Self.path("synthid-student.jsonl.gz"), "--json", "-"]
                + Self.synthIDOptions)
        #expect(student.status == 1, "\(student.stderr)")
        let s = try score(student, "result")
        #expect(try #require(s["log10P"] as? Double) <= -6)
        #expect(s["scheme"] as? String == "synthid")
        let o = try object(student)
        let deployed = try #require(o["deployed"] as? [String: Any])
        #expect(deployed["ngramLen"] as? Int == 3 && deployed["depth"] as? Int == 8)
        #expect(deployed["trialsPerToken"] as? Int == 8)
        let scheme = try Self.synthIDScheme()
        #expect(o["keyFingerprint"] as? String == DeployedWatermark.synthID(scheme, mask: .init()).keyFingerprint)
        expectNoKeys(student)

        let control = try CommandRunner.run(
            ["watermark", "radioactivity", Self.path("control.jsonl.gz"), "--json", "-"]
                + Self.synthIDOptions)
        #expect(control.status == 0, "\(control.stderr)")
        #expect(try #require(try score(control, "result")["log10P"] as? Double) > -2)

        // Keys from the environment work the same; detect scores each document with the package's scores.
        let keys = Self.synthIDKeys().map(String.init).joined(separator: ",")
        let detect = try CommandRunner.run(
            [
                "watermark", "detect", Self.path("synthid-student.jsonl.gz"), "--scheme", "synthid", "--token-ids",
                "--ngram-len", "3", "--sampling-table-size", "1024", "--sampling-table-seed", "5", "--json", "-",
            ],
            environment: ["DISTILLSCOPE_SYNTHID_KEYS": keys])
        #expect(detect.status == 0 || detect.status == 1, "\(detect.stderr)")
        let rows = try #require(try object(detect)["documents"] as? [[String: Any]])
        let firstScore = try #require(rows.first?["score"] as? [String: Any])
        #expect(firstScore["weightedMean"] as? Double != nil)
        expectNoKeys(detect)
    }

    @Test func sameBytesOnAnyThreadCount() throws {
        for options in [Self.kgwOptions, Self.synthIDOptions] {
            let runs = try ["1", "2"].map { threads in
                try CommandRunner.run(
                    ["watermark", "detect", Self.path("kgw-teacher.jsonl.gz"), "--threads", threads, "--json", "-"]
                        + options)
            }
            #expect(runs[0].stdoutData == runs[1].stdoutData && !runs[0].stdoutData.isEmpty)
        }
    }

    /// Unknown schemes, missing or misplaced parameters, and ids the model cannot have: exit 2, one
    /// sentence, nothing written.
    @Test func badInputExitsTwo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ds-wmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.json").path
        let corpus = Self.path("kgw-teacher.jsonl.gz")
        let bad = dir.appendingPathComponent("bad.jsonl")
        try "{\"text\": \"1 2 3 hello 4\"}\n".write(to: bad, atomically: true, encoding: .utf8)
        let big = dir.appendingPathComponent("big.jsonl")
        try "{\"text\": \"1 2 3 2000 4\"}\n".write(to: big, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["watermark", "detect", corpus, "--scheme", "kgx", "--token-ids", "--key", "1"], "kgx"),
            (["watermark", "detect", corpus, "--scheme", "kgw", "--token-ids", "--key", "1"], "--vocab-size"),
            (["watermark", "detect", corpus, "--scheme", "kgw", "--vocab-size", "2000", "--key", "1"], "--token-ids"),
            (
                [
                    "watermark", "detect", corpus, "--scheme", "kgw", "--token-ids", "--vocab-size", "2000", "--key",
                    "1",
                    "--context", "2",
                ], "--context"
            ),
            (
                [
                    "watermark", "radioactivity", corpus, "--scheme", "kgw", "--token-ids", "--vocab-size", "2000",
                    "--key", "1", "--seeding-scheme", "selfhash",
                ], "--seeding-scheme"
            ),
            (["watermark", "detect", corpus, "--scheme", "synthid", "--token-ids"], "--keys-file"),
            (
                [
                    "watermark", "detect", corpus, "--scheme", "synthid", "--token-ids", "--keys-file",
                    Self.path("synthid-keys.txt"), "--ngram-len", "1",
                ], "--ngram-len"
            ),
            (
                ["watermark", "detect", corpus, "--scheme", "ds-kgw", "--key", "1", "--vocab-size", "2000"],
                "--vocab-size"
            ),
            (["watermark", "detect", bad.path] + Self.kgwOptions, "token ids"),
            (["watermark", "detect", big.path] + Self.kgwOptions, "2000"),
        ]
        // index add: synthid needs its keys file, kgw its vocabulary size, both their tokenizer, and
        // options of one scheme do not go with another; refused before the store exists.
        let store = dir.appendingPathComponent("refs.db").path
        let indexCases: [([String], String)] = [
            (["--watermark-scheme", "synthid"], "--watermark-keys-file"),
            (["--watermark-ngram-len", "3"], "--watermark-ngram-len"),
            (["--watermark-scheme", "kgw"], "--watermark-vocab-size"),
            (["--watermark-scheme", "kgw", "--watermark-vocab-size", "2000"], "--watermark-tokenizer"),
            (["--watermark-vocab-size", "2000"], "--watermark-vocab-size"),
        ]
        for (options, mention) in indexCases {
            let indexAdd = try CommandRunner.run(
                ["index", "add", "ref", corpus, "--store", store, "--watermark-key", "1"] + options)
            #expect(indexAdd.status == 2 && indexAdd.stderr.contains(mention), "\(options): \(indexAdd.stderr)")
            #expect(!FileManager.default.fileExists(atPath: store))
        }
        for (arguments, mention) in cases {
            let r = try CommandRunner.run(arguments + ["--json", out])
            #expect(r.status == 2, "\(arguments)")
            // One sentence, on the first line (argument-parser adds its usage lines after it).
            #expect(r.stderr.split(separator: "\n").first?.contains(mention) == true, "\(arguments): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(arguments)")
            expectNoKeys(r)
        }
    }

    /// The shell examples of docs/watermark.md's "Deployed schemes from the command line" run as
    /// written from the repository root, with the exit status each one's comment states.
    @Test func documentedExamplesRun() throws {
        let doc = try String(
            contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("docs/watermark.md"), encoding: .utf8)
        let section = try #require(doc.components(separatedBy: "### Deployed schemes from the command line").last)
        let block = try #require(section.components(separatedBy: "```sh\n").dropFirst().first)
            .components(separatedBy: "```").first!
        var commands = 0
        var pending = ""
        for line in block.split(separator: "\n").map(String.init) {
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
                continue
            }
            let full = pending + line
            pending = ""
            guard full.hasPrefix("distillscope "), let hash = full.range(of: "  # exit ") else { continue }
            let expected = Int32(full[hash.upperBound...].prefix(1))!
            let arguments = full[..<hash.lowerBound].split(separator: " ").dropFirst().map(String.init)
            let r = try CommandRunner.run(arguments, directory: CommandRunner.repositoryRoot.path)
            #expect(r.status == expected, "\(full): \(r.stderr)")
            expectNoKeys(r)
            commands += 1
        }
        #expect(commands >= 4)
    }
}

/// `index add --watermark-scheme kgw` stores a deployed KGW watermark (parameters and the key's
/// fingerprint) and `score` tests it on the suspect's GPT-2 token ids: text generated with the
/// watermark over words that are single GPT-2 tokens is found, the same model's plain text is not.
@Suite struct DeployedWatermarkStoreTests {
    static let tokenizerPath = CommandRunner.fixture("tokenizers/gpt2-vocab.json.gz")

    /// `count` JSONL answers of 120 words from a toy model over 300 words that GPT-2 encodes as one
    /// token each (with their leading space), watermarked with `scheme` when given.
    static func corpus(_ scheme: KGWScheme?, count: Int, seed: UInt64) throws -> String {
        try corpus(scheme.map { DeployedWatermarkText.kgw($0, delta: 2) }, count: count, seed: seed)
    }

    /// As ``corpus(_:count:seed:)`` with any watermarking generator over GPT-2 ids.
    static func corpus(_ watermark: DeployedWatermarkText.Reweighting?, count: Int, seed: UInt64) throws -> String {
        let tokenizer = try SubwordTokenizer.load(path: tokenizerPath)
        var words: [(word: String, id: Int)] = []
        for word in SyntheticTextModel.vocabulary where words.count < 300 && word.allSatisfy(\.isLetter) {
            let ids = tokenizer.encode(" " + word)
            if ids.count == 1 && !words.contains(where: { $0.id == ids[0] }) { words.append((word, ids[0])) }
        }
        // The toy bigram model runs over word indices; the watermark sees the words' GPT-2 ids.
        let model = DeployedWatermarkText(vocabularySize: words.count)
        let reweighting: DeployedWatermarkText.Reweighting? = watermark.map { kgw in
            { context, candidates in
                kgw(context.map { words[$0].id }, candidates.map { (words[$0.token].id, $0.weight) }).enumerated().map {
                    (candidates[$0.offset].token, $0.element.weight)
                }
            }
        }
        let texts = model.generate(watermark: reweighting, count: count, length: 120, seed: seed)
        return texts.enumerated().map { d, ids in
            let text = ids.map { words[Int($0)].word }.joined(separator: " ")
            return "{\"id\":\"s\(d)\",\"prompt\":\"write something\",\"response\":\"\(text)\"}\n"
        }.joined()
    }

    @Test func scoreTestsAStoredKGWWatermark() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("refs.db").path
        let keyFile = dir.appendingPathComponent("key.txt").path
        try "0xC0FFEE\n".write(toFile: keyFile, atomically: true, encoding: .utf8)
        let add = try CommandRunner.run([
            "index", "add", "teacher", CommandRunner.sample("teacher.jsonl.gz"), "--store", store,
            "--watermark-scheme", "kgw", "--watermark-vocab-size", "50257", "--watermark-key-file", keyFile,
            "--watermark-tokenizer", Self.tokenizerPath,
        ])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("watermark kgw key \(WatermarkKey(0xC0FFEE).fingerprint)"), "\(add.stdout)")
        let other = try CommandRunner.run([
            "index", "add", "control", CommandRunner.sample("control.jsonl.gz"), "--store", store, "--quiet",
            "--family", "other",
        ])
        #expect(other.status == 0, "\(other.stderr)")
        let verify = try CommandRunner.run(["index", "verify", "--store", store])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")

        let scheme = try KGWScheme(vocabularySize: 50257, gamma: 0.5, hashKey: 0xC0FFEE)
        let marked = dir.appendingPathComponent("marked.jsonl")
        let plain = dir.appendingPathComponent("plain.jsonl")
        try Self.corpus(scheme, count: 60, seed: 1).write(to: marked, atomically: true, encoding: .utf8)
        try Self.corpus(nil as KGWScheme?, count: 60, seed: 2).write(to: plain, atomically: true, encoding: .utf8)
        var log10P: [Double] = []
        for suspect in [marked, plain] {
            let r = try CommandRunner.run([
                "score", suspect.path, "--store", store, "--watermark-key-file", keyFile, "--watermark-tokenizer",
                Self.tokenizerPath, "--json", "-",
            ])
            let teacher = try StoreSignalCommandTests.verdict(try StoreCommandTests.json(r.stdoutData), "teacher")
            let watermark = try StoreSignalCommandTests.signal(teacher, "watermark")
            log10P.append(try #require(watermark["log10PValue"] as? Double, "\(watermark)"))
            #expect(!r.stdout.lowercased().contains("c0ffee") && !r.stdout.contains("12648430"))
        }
        print("stored kgw watermark: marked log10 p \(log10P[0]), plain \(log10P[1])")
        #expect(log10P[0] < -6)
        #expect(log10P[1] > -3)
    }

    /// The same for SynthID (the package's default parameters, 8 keys): keys given to `score` by file,
    /// or the signal is untested and says which option gives them.
    @Test func scoreTestsAStoredSynthIDWatermark() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("refs.db").path
        let keysFile = dir.appendingPathComponent("keys.txt").path
        let keys = WatermarkDeployedCommandTests.synthIDKeys()
        try keys.map(String.init).joined(separator: ", ").write(toFile: keysFile, atomically: true, encoding: .utf8)
        let add = try CommandRunner.run([
            "index", "add", "teacher", CommandRunner.sample("teacher.jsonl.gz"), "--store", store,
            "--watermark-scheme", "synthid", "--watermark-keys-file", keysFile, "--watermark-tokenizer",
            Self.tokenizerPath,
        ])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("watermark synthid key \(DeployedWatermark.synthIDKeyFingerprint(keys))"))
        let other = try CommandRunner.run([
            "index", "add", "control", CommandRunner.sample("control.jsonl.gz"), "--store", store, "--quiet",
            "--family", "other",
        ])
        #expect(other.status == 0, "\(other.stderr)")
        let verify = try CommandRunner.run(["index", "verify", "--store", store])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")

        let scheme = try SynthIDScheme(keys: keys)
        let marked = dir.appendingPathComponent("marked.jsonl")
        let plain = dir.appendingPathComponent("plain.jsonl")
        try Self.corpus(DeployedWatermarkText.synthID(scheme), count: 60, seed: 1).write(
            to: marked, atomically: true, encoding: .utf8)
        try Self.corpus(nil as DeployedWatermarkText.Reweighting?, count: 60, seed: 2).write(
            to: plain, atomically: true, encoding: .utf8)
        var log10P: [Double] = []
        for suspect in [marked, plain] {
            let r = try CommandRunner.run([
                "score", suspect.path, "--store", store, "--watermark-keys-file", keysFile, "--watermark-tokenizer",
                Self.tokenizerPath, "--json", "-",
            ])
            let teacher = try StoreSignalCommandTests.verdict(try StoreCommandTests.json(r.stdoutData), "teacher")
            let watermark = try StoreSignalCommandTests.signal(teacher, "watermark")
            log10P.append(try #require(watermark["log10PValue"] as? Double, "\(watermark)"))
            for key in keys { #expect(!r.stdout.contains(String(key))) }
        }
        print("stored synthid watermark: marked log10 p \(log10P[0]), plain \(log10P[1])")
        #expect(log10P[0] < -6)
        #expect(log10P[1] > -3)
        let noKeys = try CommandRunner.run([
            "score", marked.path, "--store", store, "--watermark-tokenizer", Self.tokenizerPath, "--json", "-",
        ])
        let teacher = try StoreSignalCommandTests.verdict(try StoreCommandTests.json(noKeys.stdoutData), "teacher")
        let untested = try StoreSignalCommandTests.signal(teacher, "watermark")
        #expect((untested["note"] as? String)?.contains("was not given (its SynthID key set)") == true, "\(untested)")
        #expect(untested["remedy"] as? String == "give-synthid-keys", "\(untested)")
    }
}
