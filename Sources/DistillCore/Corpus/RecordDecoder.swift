/// Turns one parsed JSON record into documents, by shape (DESIGN.md "Input formats").
struct RecordDecoder: Sendable {
    let fields: FieldOverrides

    /// Text fields tried in order when no override is given.
    static let textKeys: [StaticString] = ["text", "completion", "response", "output", "answer", "content"]
    static let textKeyNames = ["text", "completion", "response", "output", "answer", "content"]
    /// Prompt fields tried in order.
    static let promptKeys: [StaticString] = ["prompt", "instruction", "question", "input"]

    struct Output {
        var documents: [Document] = []
        var shape: RecordShape
        var repairedSurrogates = 0
    }

    /// Decodes the record in `bytes` found at `location`.
    /// - Throws: ``DistillError`` for malformed JSON, invalid UTF-8 or a missing text field.
    func decode(_ bytes: UnsafeRawBufferPointer, at location: InputLocation) throws(DistillError) -> Output {
        if let bad = UTF8Validation.firstInvalidOffset(bytes) {
            var loc = location
            if loc.line == nil { loc.byteOffset = (loc.byteOffset ?? 0) + bad }
            throw DistillError.invalidUTF8(loc)
        }
        let record = JSONRecord(bytes: bytes)
        let root: JSONRecord.Value
        do {
            root = try record.parse()
        } catch {
            throw DistillError.malformedRecord(location, reason: "\(error.message) at column \(error.offset + 1)")
        }
        guard case .object(let members) = root else {
            throw DistillError.malformedRecord(location, reason: "record is not a JSON object")
        }
        var repaired = 0
        var out = try decodeObject(members, record: record, location: location, repaired: &repaired)
        out.repairedSurrogates = repaired
        return out
    }

    /// A one-document record decoded without copying its text: the text is a range of the record's
    /// bytes (or, when it holds escapes, decoded bytes).
    struct FastOutput {
        var shape: RecordShape
        var id: String?
        var prompt: String?
        var model: String?
        var text: JSONRecord.StringRef
        var repairedSurrogates = 0
    }

    /// Decodes the common one-document shapes without building the text as a `String`; returns
    /// nil for any other record (several documents, or anything wrong), which ``decode(_:at:)``
    /// then handles, with the same results and errors.
    func decodeFast(_ bytes: UnsafeRawBufferPointer, at location: InputLocation) -> FastOutput? {
        guard UTF8Validation.firstInvalidOffset(bytes) == nil else { return nil }
        let record = JSONRecord(bytes: bytes)
        guard let root = try? record.parse(), case .object(let members) = root else { return nil }
        var repaired = 0
        var textValue: JSONRecord.Value?
        var shape = RecordShape.text
        if let name = fields.textField {
            textValue = record.member(members, named: name)
            shape = name == "text" ? .text : .promptResponse
        } else {
            if record.member(members, "messages") != nil || record.member(members, "conversations") != nil {
                return nil
            }
            if record.member(members, "instruction") != nil && record.member(members, "output") != nil { return nil }
            for (index, key) in Self.textKeys.enumerated() {
                if let v = record.member(members, key) {
                    textValue = v
                    shape = index == 0 ? .text : .promptResponse
                    break
                }
            }
        }
        guard let textValue, case .string(let textRef) = textValue else { return nil }
        let idValue = fields.idField.map { record.member(members, named: $0) } ?? record.member(members, "id")
        var id: String?
        if let idValue {
            switch idValue {
            case .string(let ref): id = record.string(ref, repaired: &repaired)
            case .number(let r): id = record.numberText(r)
            case .null: id = nil
            default: return nil
            }
        }
        var prompt: String?
        if let name = fields.promptField {
            prompt = stringValue(record.member(members, named: name), record: record, repaired: &repaired)
        } else {
            for k in Self.promptKeys {
                if let p = stringValue(record.member(members, k), record: record, repaired: &repaired) {
                    prompt = p
                    break
                }
            }
        }
        let model = stringValue(record.member(members, "model"), record: record, repaired: &repaired)
        return FastOutput(
            shape: shape, id: id, prompt: prompt, model: model, text: textRef, repairedSurrogates: repaired)
    }

    private func decodeObject(
        _ members: [JSONRecord.Member], record: JSONRecord, location: InputLocation, repaired: inout Int
    ) throws(DistillError) -> Output {
        let idValue = fields.idField.map { record.member(members, named: $0) } ?? record.member(members, "id")
        let explicitID = try idValue.flatMap { v throws(DistillError) in
            try idText(v, record: record, location: location, repaired: &repaired)
        }
        let model = stringValue(record.member(members, "model"), record: record, repaired: &repaired)
        let baseID = explicitID ?? location.description

        func prompt(_ keys: [StaticString]) -> String? {
            if let name = fields.promptField {
                return stringValue(record.member(members, named: name), record: record, repaired: &repaired)
            }
            for k in keys {
                if let s = stringValue(record.member(members, k), record: record, repaired: &repaired) { return s }
            }
            return nil
        }

        if let name = fields.textField {
            guard let value = record.member(members, named: name) else {
                throw DistillError.missingTextField(location, keys: record.keys(members))
            }
            let text = try requireString(value, field: name, record: record, location: location, repaired: &repaired)
            let doc = Document(
                id: baseID, hasExplicitID: explicitID != nil, prompt: prompt(Self.promptKeys), text: text,
                model: model, location: location)
            return Output(documents: [doc], shape: name == "text" ? .text : .promptResponse)
        }

        if let messages = record.member(members, "messages"), case .array(let turns) = messages {
            let docs = try conversation(
                turns, roleKey: "role", contentKey: "content", isShareGPT: false, record: record, location: location,
                baseID: baseID, explicit: explicitID != nil, model: model, repaired: &repaired)
            return Output(documents: docs, shape: .openAIChat)
        }
        if let conversations = record.member(members, "conversations"), case .array(let turns) = conversations {
            let docs = try conversation(
                turns, roleKey: "from", contentKey: "value", isShareGPT: true, record: record, location: location,
                baseID: baseID, explicit: explicitID != nil, model: model, repaired: &repaired)
            return Output(documents: docs, shape: .shareGPT)
        }
        if let instruction = record.member(members, "instruction"), let output = record.member(members, "output") {
            let text = try requireString(
                output, field: "output", record: record, location: location, repaired: &repaired)
            var p = try requireString(
                instruction, field: "instruction", record: record, location: location, repaired: &repaired)
            if let input = stringValue(record.member(members, "input"), record: record, repaired: &repaired),
                !input.isEmpty
            {
                p += "\n\n" + input
            }
            let doc = Document(
                id: baseID, hasExplicitID: explicitID != nil, prompt: p, text: text, model: model, location: location)
            return Output(documents: [doc], shape: .alpaca)
        }
        for (index, key) in Self.textKeys.enumerated() {
            guard let value = record.member(members, key) else { continue }
            let text = try requireString(
                value, field: Self.textKeyNames[index], record: record, location: location, repaired: &repaired)
            let doc = Document(
                id: baseID, hasExplicitID: explicitID != nil, prompt: prompt(Self.promptKeys), text: text,
                model: model, location: location)
            return Output(documents: [doc], shape: index == 0 ? .text : .promptResponse)
        }
        throw DistillError.missingTextField(location, keys: record.keys(members))
    }

    /// Each assistant turn is a document; the user turn before it is its prompt.
    private func conversation(
        _ turns: [JSONRecord.Value], roleKey: StaticString, contentKey: StaticString, isShareGPT: Bool,
        record: JSONRecord,
        location: InputLocation, baseID: String, explicit: Bool, model: String?, repaired: inout Int
    ) throws(DistillError) -> [Document] {
        var lastUser: String?
        var pending: [(prompt: String?, text: String)] = []
        for turn in turns {
            guard case .object(let m) = turn else {
                throw DistillError.malformedRecord(location, reason: "a conversation turn is not a JSON object")
            }
            let role = stringValue(record.member(m, roleKey), record: record, repaired: &repaired)?.lowercased() ?? ""
            let content = contentText(
                record.member(m, contentKey) ?? (isShareGPT ? record.member(m, "text") : nil),
                record: record, repaired: &repaired)
            switch role {
            case "user", "human", "prompter":
                lastUser = content
            case "assistant", "gpt", "model", "chatgpt", "bot", "bard", "bing":
                if let content { pending.append((lastUser, content)) }
            default:
                continue  // system, tool, function: neither prompt nor document
            }
        }
        if pending.count == 1 {
            return [
                Document(
                    id: baseID, hasExplicitID: explicit, prompt: pending[0].prompt, text: pending[0].text,
                    model: model, location: location)
            ]
        }
        return pending.enumerated().map { k, turn in
            Document(
                id: "\(baseID)#\(k + 1)", hasExplicitID: explicit, prompt: turn.prompt, text: turn.text,
                model: model, location: location)
        }
    }

    /// A chat `content`: a string, or an array of parts whose text parts are joined by newlines.
    private func contentText(_ value: JSONRecord.Value?, record: JSONRecord, repaired: inout Int) -> String? {
        guard let value else { return nil }
        switch value {
        case .string(let ref):
            return record.string(ref, repaired: &repaired)
        case .array(let parts):
            var texts: [String] = []
            for part in parts {
                switch part {
                case .string(let ref): texts.append(record.string(ref, repaired: &repaired))
                case .object(let pm):
                    if let t = stringValue(record.member(pm, "text"), record: record, repaired: &repaired) {
                        texts.append(t)
                    }
                default: continue
                }
            }
            return texts.isEmpty ? nil : texts.joined(separator: "\n")
        default:
            return nil
        }
    }

    private func stringValue(_ value: JSONRecord.Value?, record: JSONRecord, repaired: inout Int) -> String? {
        guard let value, case .string(let ref) = value else { return nil }
        return record.string(ref, repaired: &repaired)
    }

    private func requireString(
        _ value: JSONRecord.Value, field: String, record: JSONRecord, location: InputLocation, repaired: inout Int
    ) throws(DistillError) -> String {
        guard case .string(let ref) = value else {
            throw DistillError.malformedRecord(
                location,
                reason: "field \"\(DistillError.excerpt(field, limit: 32))\" is \(Self.kind(value)), not a string")
        }
        return record.string(ref, repaired: &repaired)
    }

    private func idText(
        _ value: JSONRecord.Value, record: JSONRecord, location: InputLocation, repaired: inout Int
    ) throws(DistillError) -> String? {
        switch value {
        case .string(let ref): return record.string(ref, repaired: &repaired)
        case .number(let r): return record.numberText(r)
        case .null: return nil
        default:
            throw DistillError.malformedRecord(
                location, reason: "the id is \(Self.kind(value)), not a string or number")
        }
    }

    static func kind(_ value: JSONRecord.Value) -> String {
        switch value {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }
}
