import DistillStore
import Foundation
import Testing

@Suite struct FingerprintStoreTests {
    @Test func inMemoryStoreAppliesMigrations() throws {
        let store = try FingerprintStore.inMemory()
        #expect(try store.appliedMigrations() == ["v1-references"])
        #expect(try store.referenceNames().isEmpty)
    }

    @Test func onDiskStoreReopens() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ds-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("refs.db").path
        _ = try FingerprintStore(path: path)
        let reopened = try FingerprintStore(path: path)
        #expect(try reopened.appliedMigrations() == ["v1-references"])
    }
}
