import Foundation

/// The small TOML subset of `.distillscope.toml`, parsed line by line with every error at file:line.
///
/// Supported (TOML 1.0 syntax): comments, `[table.sub]` headers of bare (`A-Za-z0-9_-`) or quoted keys,
/// `key = value` with bare, quoted or dotted keys, basic and literal strings, integers, floats,
/// booleans, and arrays of those (across lines). Inline tables, multi-line strings and dates are not
/// used by the config and are rejected with a message rather than parsed. Nesting is bounded, so no
/// input can exhaust the stack.
enum ConfigText {
    /// A parsed value with the line it was set on.
    enum Value: Equatable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case array([Value])
    }

    /// A table: its entries in file order, each a value or a sub-table, with their lines.
    final class Table {
        var line: Int
        var explicitlyDefined = false
        var entries: [(key: String, line: Int, node: Node)] = []
        init(line: Int) { self.line = line }

        func entry(_ key: String) -> (key: String, line: Int, node: Node)? { entries.first { $0.key == key } }
    }

    enum Node {
        case value(Value)
        case table(Table)
    }

    /// Key paths deeper than this are rejected: the config needs three levels.
    static let maximumDepth = 8
    /// Longer files are rejected: a config is a few dozen lines.
    static let maximumBytes = 1 << 20

    /// A syntax error at `line` (1-based).
    struct SyntaxError: Error {
        var line: Int
        var reason: String
    }

    /// Parses `text`.
    /// - Throws: ``SyntaxError`` at the first line that is not valid in the subset.
    static func parse(_ text: String) throws -> Table {
        if text.utf8.count > maximumBytes { throw SyntaxError(line: 1, reason: "file longer than 1 MiB") }
        var parser = Parser(scalars: Array(text.unicodeScalars))
        return try parser.document()
    }

    private struct Parser {
        var scalars: [Unicode.Scalar]
        var index = 0
        var line = 1
        let root = Table(line: 1)

        init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        func fail(_ reason: String) -> SyntaxError { SyntaxError(line: line, reason: reason) }

        mutating func skipBlanks() {
            while let c = current, c == " " || c == "\t" { index += 1 }
        }

        /// Skips blanks and a comment, then expects the end of the line (or of the file).
        mutating func endOfLine() throws {
            skipBlanks()
            if current == "#" { while let c = current, c != "\n" { index += 1 } }
            if current == "\r" { index += 1 }
            guard let c = current else { return }
            guard c == "\n" else { throw fail("unexpected \(describe(c)) after the value") }
            index += 1
            line += 1
        }

        /// Skips white space, newlines and comments (inside arrays).
        mutating func skipSpaceAndComments() {
            while let c = current {
                if c == " " || c == "\t" || c == "\r" {
                    index += 1
                } else if c == "\n" {
                    index += 1
                    line += 1
                } else if c == "#" {
                    while let d = current, d != "\n" { index += 1 }
                } else {
                    return
                }
            }
        }

        mutating func document() throws -> Table {
            var table = root
            while current != nil {
                skipBlanks()
                guard let c = current else { break }
                if c == "\n" || c == "\r" || c == "#" {
                    try endOfLine()
                    continue
                }
                if c == "[" {
                    index += 1
                    if current == "[" { throw fail("arrays of tables ([[...]]) are not used in this config") }
                    skipBlanks()
                    let path = try keyPath()
                    skipBlanks()
                    guard current == "]" else { throw fail("expected ] to close the table header") }
                    index += 1
                    table = try openTable(path)
                    try endOfLine()
                    continue
                }
                let path = try keyPath()
                skipBlanks()
                guard current == "=" else { throw fail("expected = after the key \(path.joined(separator: "."))") }
                index += 1
                skipBlanks()
                let valueLine = line
                let v = try value(depth: 0)
                try assign(v, to: path, in: table, line: valueLine)
                try endOfLine()
            }
            return root
        }

        mutating func keyPath() throws -> [String] {
            var path: [String] = []
            while true {
                skipBlanks()
                path.append(try key())
                if path.count > maximumDepth { throw fail("key nested deeper than \(maximumDepth) levels") }
                skipBlanks()
                guard current == "." else { return path }
                index += 1
            }
        }

        mutating func key() throws -> String {
            guard let c = current else { throw fail("expected a key") }
            if c == "\"" || c == "'" { return try string() }
            var out = ""
            while let c = current, c.isASCII,
                c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_"
            {
                out.unicodeScalars.append(c)
                index += 1
            }
            if out.isEmpty { throw fail("expected a key, found \(describe(c))") }
            return out
        }

        mutating func openTable(_ path: [String]) throws -> Table {
            var table = root
            for (i, key) in path.enumerated() {
                if let existing = table.entry(key) {
                    guard case .table(let sub) = existing.node else {
                        throw fail(
                            "\(path.prefix(i + 1).joined(separator: ".")) is already a value (line \(existing.line))")
                    }
                    table = sub
                } else {
                    let sub = Table(line: line)
                    table.entries.append((key, line, .table(sub)))
                    table = sub
                }
            }
            if table.explicitlyDefined { throw fail("table [\(path.joined(separator: "."))] defined twice") }
            table.explicitlyDefined = true
            return table
        }

        func assign(_ v: Value, to path: [String], in start: Table, line: Int) throws {
            var table = start
            for key in path.dropLast() {
                if let existing = table.entry(key) {
                    guard case .table(let sub) = existing.node else { throw fail("\(key) is already a value") }
                    table = sub
                } else {
                    let sub = Table(line: line)
                    table.entries.append((key, line, .table(sub)))
                    table = sub
                }
            }
            let last = path[path.count - 1]
            if let existing = table.entry(last) {
                throw fail("\(path.joined(separator: ".")) is already set (line \(existing.line))")
            }
            table.entries.append((last, line, .value(v)))
        }

        mutating func value(depth: Int) throws -> Value {
            guard let c = current, c != "\n", c != "\r" else { throw fail("expected a value") }
            switch c {
            case "\"", "'":
                return .string(try string())
            case "[":
                if depth >= maximumDepth { throw fail("arrays nested deeper than \(maximumDepth) levels") }
                index += 1
                var items: [Value] = []
                while true {
                    skipSpaceAndComments()
                    guard let d = current else { throw fail("unterminated array") }
                    if d == "]" {
                        index += 1
                        return .array(items)
                    }
                    items.append(try value(depth: depth + 1))
                    skipSpaceAndComments()
                    if current == "," {
                        index += 1
                    } else if current != "]" {
                        throw fail("expected , or ] in the array")
                    }
                }
            case "{":
                throw fail("inline tables are not used in this config: write a [table] header")
            default:
                var word = ""
                while let d = current, d.isASCII,
                    d.properties.isAlphabetic || ("0"..."9").contains(d) || "+-._".unicodeScalars.contains(d)
                {
                    word.unicodeScalars.append(d)
                    index += 1
                }
                if word == "true" { return .bool(true) }
                if word == "false" { return .bool(false) }
                let digits = word.replacingOccurrences(of: "_", with: "")
                if !digits.isEmpty, !digits.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" }),
                    let number = Double(digits), number.isFinite
                {
                    return .number(number)
                }
                throw fail(
                    "expected a string, number, boolean or array, found \(word.isEmpty ? describe(c) : quotedExcerpt(word))"
                )
            }
        }

        mutating func string() throws -> String {
            let quote = current!
            index += 1
            if current == quote, index + 1 < scalars.count, scalars[index + 1] == quote {
                throw fail("multi-line strings are not used in this config")
            }
            var out = ""
            while true {
                guard let c = current, c != "\n" else { throw fail("unterminated string") }
                index += 1
                if c == quote { return out }
                if c == "\\" && quote == "\"" {
                    guard let e = current else { throw fail("unterminated string") }
                    index += 1
                    switch e {
                    case "\"": out += "\""
                    case "\\": out += "\\"
                    case "n": out += "\n"
                    case "t": out += "\t"
                    case "r": out += "\r"
                    case "b": out += "\u{08}"
                    case "f": out += "\u{0C}"
                    case "u", "U":
                        let count = e == "u" ? 4 : 8
                        guard index + count <= scalars.count,
                            let code = UInt32(
                                String(String.UnicodeScalarView(scalars[index..<index + count])), radix: 16),
                            let scalar = Unicode.Scalar(code)
                        else { throw fail("invalid \\\(e) escape") }
                        out.unicodeScalars.append(scalar)
                        index += count
                    default:
                        throw fail("invalid escape \\\(e)")
                    }
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }

        func describe(_ c: Unicode.Scalar) -> String {
            c.properties.generalCategory == .control ? String(format: "U+%04X", c.value) : "'\(c)'"
        }

        func quotedExcerpt(_ s: String) -> String { "\"" + (s.count > 40 ? s.prefix(40) + "…" : s) + "\"" }
    }
}
