import DistillTestSupport
import Foundation
import Testing

/// End to end: a reference's family and role (`index add --family --role`, `index set`, `index list`,
/// export and import, and what `score` does with them).
@Suite struct FamilyCommandTests {
    @Test func familyAndRoleAreStoredShownAndCarried() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("refs.db").path
        let add = try CommandRunner.run([
            "index", "add", "teacher", CommandRunner.sample("teacher.jsonl.gz"), "--store", store, "--family", "labs",
            "--quiet",
        ])
        #expect(add.status == 0, "\(add.stderr)")
        let control = try CommandRunner.run([
            "index", "add", "control", CommandRunner.sample("control.jsonl.gz"), "--store", store, "--role", "baseline",
            "--quiet",
        ])
        #expect(control.status == 0, "\(control.stderr)")
        let list = try CommandRunner.run(["index", "list", "--store", store, "--json"])
        let refs = try #require(try StoreCommandTests.json(list.stdoutData)["references"] as? [[String: Any]])
        let teacher = try #require(refs.first { $0["name"] as? String == "teacher" })
        #expect(teacher["family"] as? String == "labs")
        #expect(teacher["role"] as? String == "candidate")
        let baseline = try #require(refs.first { $0["name"] as? String == "control" })
        #expect(baseline["family"] as? String == "control")
        #expect(baseline["role"] as? String == "baseline")

        // The student names its teacher; the baseline is never named.
        let score = try CommandRunner.run([
            "score", CommandRunner.sample("student.jsonl.gz"), "--store", store, "--json", "-",
        ])
        #expect(score.status == 1, "\(score.stderr)")
        let decision = try #require(try StoreCommandTests.json(score.stdoutData)["decision"] as? [String: Any])
        #expect(decision["parents"] as? [String] == ["teacher"])
        #expect(decision["family"] as? String == "labs")
        #expect(decision["member"] as? String == "teacher")

        // One family: nothing independent to compare with, so nothing can be tested: exit 2, never a
        // quiet "no parent found" — in score and in scan.
        let set = try CommandRunner.run(["index", "set", "control", "--store", store, "--family", "labs"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("family labs"))
        for command in ["score", "scan"] {
            let same = try CommandRunner.run([command, CommandRunner.sample("student.jsonl.gz"), "--store", store])
            #expect(same.status == 2, "\(command): \(same.stdout)\(same.stderr)")
            #expect(same.stderr.contains("nothing can be tested"), "\(same.stderr)")
        }

        // Export and import keep the metadata; verify accepts it.
        let exported = dir.appendingPathComponent("export.db").path
        #expect(try CommandRunner.run(["index", "export", exported, "--store", store]).status == 0)
        let imported = dir.appendingPathComponent("imported.db").path
        #expect(try CommandRunner.run(["index", "import", exported, "--store", imported]).status == 0)
        let again = try CommandRunner.run(["index", "list", "--store", imported])
        #expect(again.stdout.contains("family labs\tbaseline"), "\(again.stdout)")
        #expect(try CommandRunner.run(["index", "verify", "--store", imported]).status == 0)

        // Errors: an unknown reference, an unknown role, an empty family, nothing to set.
        for args in [
            ["index", "set", "nobody", "--store", store, "--family", "x"],
            ["index", "set", "teacher", "--store", store, "--role", "parent"],
            ["index", "set", "teacher", "--store", store, "--family", ""],
            ["index", "set", "teacher", "--store", store],
        ] {
            #expect(try CommandRunner.run(args).status == 2, "\(args)")
        }
    }
}
