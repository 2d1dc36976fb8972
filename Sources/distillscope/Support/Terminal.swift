import DistillCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writing to standard output and standard error: the one checked writer every command goes through.
///
/// Foundation's `FileHandle.write(_:)` traps on a write error (a full disk, `EPIPE` when `SIGPIPE` is
/// ignored, `ulimit -f`), so the bytes go out through `write(2)` here and a failure on standard output
/// becomes ``OutputError``, which the command reports and exits 2 with.
///
/// Text for people (``write(_:)-(String)``, ``writeError(_:)``, ``error(_:)``) is made safe for a terminal
/// first (``safe(_:)``): corpus text, record ids, file and reference names are hostile and must not
/// move the cursor, retitle the window or hide text. JSON, SARIF and JUnit go out as bytes.
enum Terminal {
    /// Writes `text` to standard output, made safe for a terminal.
    /// - Throws: ``OutputError`` when standard output cannot take the bytes.
    static func write(_ text: String) throws {
        try write(Data(safe(text).utf8))
    }

    /// `text` with every control character but line feed and tab written as a visible escape
    /// (`\u{1b}`): C0 controls (ESC, BEL, carriage return, backspace), DEL, C1 controls (CSI, OSC),
    /// and the Unicode bidirectional overrides and isolates that reorder what a terminal shows.
    static func safe(_ text: String) -> String {
        ControlCharacters.escaped(text, keepingLines: true)
    }

    /// Writes `data` to standard output.
    /// - Throws: ``OutputError`` when standard output cannot take the bytes.
    static func write(_ data: Data) throws {
        if let code = writeAll(data, to: 1) {
            throw OutputError(output: "standard output", reason: String(cString: strerror(code)))
        }
    }

    /// Writes `text` to standard error, made safe for a terminal. A failure there has nowhere to be
    /// reported and is ignored.
    static func writeError(_ text: String) {
        writeControl(safe(text))
    }

    /// Writes `text` to standard error as it is: only for the tool's own terminal control (the
    /// progress bar's carriage return and line erase), never for text that holds input.
    static func writeControl(_ text: String) {
        _ = writeAll(Data(text.utf8), to: 2)
    }

    static func error(_ message: String) {
        writeError("distillscope: error: \(message)\n")
    }

    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Writes `data` to `path`, or to standard output for `-` and `/dev/stdout`: atomically (temporary
    /// file, then rename) for a regular file or a new one; through a symlink to its target; directly
    /// to a device or pipe, which is never replaced by a file.
    /// - Throws: ``OutputError`` naming `path` and the reason.
    static func write(_ data: Data, toPath path: String) throws {
        if path == "-" || path == "/dev/stdout" {
            try write(data)
            return
        }
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        if let type = try? FileManager.default.attributesOfItem(atPath: target.path)[.type] as? FileAttributeType,
            type != .typeRegular
        {
            let descriptor = open(target.path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw OutputError(output: path, reason: String(cString: strerror(errno)))
            }
            defer { close(descriptor) }
            if let code = writeAll(data, to: descriptor) {
                throw OutputError(output: path, reason: String(cString: strerror(code)))
            }
            return
        }
        do {
            try data.write(to: target, options: .atomic)
        } catch {
            let nsError = error as NSError
            let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError
            let reason =
                underlying?.domain == NSPOSIXErrorDomain
                ? String(cString: strerror(Int32(underlying!.code))) : nsError.localizedDescription
            throw OutputError(output: path, reason: reason)
        }
    }

    /// Writes every byte of `data` to `descriptor`, retrying on `EINTR` and short writes.
    /// - Returns: `nil` on success, else the `errno` of the failed write.
    static func writeAll(_ data: Data, to descriptor: Int32) -> Int32? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int32? in
            guard var pointer = buffer.baseAddress else { return nil }
            var remaining = buffer.count
            while remaining > 0 {
                let written = systemWrite(descriptor, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if written == 0 { return EIO }
                pointer += written
                remaining -= written
            }
            return nil
        }
    }
}

private func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, pointer, count)
    #else
        Darwin.write(descriptor, pointer, count)
    #endif
}

/// Output that could not be written: names the output (standard output or a file) and the reason.
struct OutputError: Error, CustomStringConvertible, LocalizedError {
    var output: String
    var reason: String
    var description: String { "cannot write to \(output): \(reason)" }
    var errorDescription: String? { description }
}
