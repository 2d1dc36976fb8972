import DistillCore
import DistillTestSupport
import Foundation
import Testing

@Suite struct SHA256Tests {
    /// NIST FIPS 180-4 example vectors (CSRC "Examples with Intermediate Values", SHA-256).
    static let vectors: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ]

    @Test(arguments: vectors) func nistVectors(message: String, digest: String) {
        #expect(SHA256.hex(of: Array(message.utf8)) == digest)
        var viaData = SHA256()
        viaData.update(Data(message.utf8))
        #expect(viaData.hexDigest() == digest)
    }

    @Test func oneMillionAs() {
        var hasher = SHA256()
        hasher.update(Data(repeating: 0x61, count: 1_000_000))
        #expect(hasher.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func chunkingDoesNotChangeTheDigest() {
        var rng = RepeatableRandomNumberGenerator(seed: 180_4)
        let bytes = (0..<5_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let whole = SHA256.hex(of: bytes)
        for _ in 0..<20 {
            var hasher = SHA256()
            var offset = 0
            var useData = false
            while offset < bytes.count {
                let length = min(Int.random(in: 0...200, using: &rng), bytes.count - offset)
                let chunk = bytes[offset..<offset + length]
                if useData { hasher.update(Data(chunk)) } else { hasher.update(chunk) }
                useData.toggle()
                offset += length
            }
            #expect(hasher.hexDigest() == whole)
        }
    }

    @Test func fileHashMatchesTheInMemoryHash() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ds-sha-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        let data = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try data.write(to: url)
        let hashed = try SHA256.hexOfFile(atPath: url.path)
        #expect(hashed.bytes == data.count)
        var hasher = SHA256()
        hasher.update(data)
        #expect(hashed.digest == hasher.hexDigest())
        #expect(throws: (any Error).self) { try SHA256.hexOfFile(atPath: url.path + "-missing") }
    }
}
