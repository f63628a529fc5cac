/// The Ango Export Format (spec §8, D3): a JSON array of exported assets, or one per line
/// (NDJSON). Stored JSON (answers, metadata, context data) is spliced in as text, never parsed:
/// this encoder is the hot loop of every export. Pages are encoded independently (on several
/// cores at once) and joined in order, see `ExportChunkEncoder`.
public struct AngoExportEncoder: ExportChunkEncoder {
    /// What to include, from the export options.
    public struct Content: Sendable, Hashable {
        /// NDJSON instead of one JSON array.
        public var lines: Bool
        /// Asset `metadata`.
        public var metadata: Bool
        /// Task `stageHistory`.
        public var history: Bool
        /// Blur and idle durations (always 0: Gloss tracks active time only).
        public var idleBlurDurations: Bool

        /// Creates the content switches.
        public init(lines: Bool, metadata: Bool, history: Bool, idleBlurDurations: Bool) {
            self.lines = lines; self.metadata = metadata; self.history = history; self.idleBlurDurations = idleBlurDurations
        }

        /// The switches an export's options set.
        public init(_ options: ExportOptions) {
            self.init(lines: options.format == .ndjson, metadata: options.includeMetadata, history: options.includeHistory,
                      idleBlurDurations: options.includeIdleBlurDurations)
        }
    }

    /// The name of the zip member (the SDK reads the first member, whatever its name).
    public let fileName: String
    private let content: Content
    /// Turns a stored file URL into one the reader can fetch (Gloss files get a signed URL).
    private let publishURL: @Sendable (String) -> String

    /// An encoder writing `export.json` or `export.ndjson`.
    public init(content: Content, publishURL: @escaping @Sendable (String) -> String = { $0 }) {
        self.content = content
        self.publishURL = publishURL
        fileName = content.lines ? "export.ndjson" : "export.json"
    }

    /// `[` for JSON; nothing for NDJSON.
    public var opening: [UInt8] { content.lines ? [] : [UInt8(ascii: "[")] }
    /// `,` between JSON pieces; NDJSON lines end in their own newline.
    public var separator: [UInt8] { content.lines ? [] : [UInt8(ascii: ",")] }
    /// `]` for JSON.
    public var closing: [UInt8] { content.lines ? [] : [UInt8(ascii: "]")] }

    /// The records as one piece of the file.
    public func encode(_ records: [ExportRecord]) -> [UInt8] {
        var out = ExportBytes(capacity: records.count * 1800)
        var scratch = ExportBytes(capacity: 4096)
        // By index, not `enumerated()`: that copies every record (a retain per string field).
        for index in records.indices {
            if index > 0 && !content.lines { out.literal(",") }
            writeAsset(records[index], &out, scratch: &scratch)
            if content.lines { out.literal("\n") }
        }
        return out.bytes
    }

    // Keys are written as literal fragments (`,"assetId":`): the field order is fixed, so there
    // is no comma bookkeeping per value, which is most of what a general JSON writer spends.
    private func writeAsset(_ r: ExportRecord, _ out: inout ExportBytes, scratch: inout ExportBytes) {
        out.literal(#"{"asset":"#); out.string(publishURL(r.assetURL))
        out.literal(#","assetId":"#); out.string(r.assetID)
        out.literal(#","externalId":"#); out.string(r.externalID)
        if content.metadata { out.literal(#","metadata":"#); out.splice(r.metadataJSON, empty: "{}") }
        // Multi-page assets list their pages in metadata.dataset (see StagePayload.dataset).
        out.literal(#","dataset":"#)
        var dataset = false
        Self.member(named: "dataset", of: r.metadataJSON) { value in
            if value.first == UInt8(ascii: "[") { out.append(value); dataset = true }
        }
        if !dataset { out.literal("[]") }
        out.literal(#","contextData":"#); out.splice(r.contextDataJSON, empty: "{}")
        out.literal(#","batches":["#)
        for i in r.batchNames.indices {
            if i > 0 { out.literal(",") }
            out.string(r.batchNames[i])
        }
        out.literal(#"],"task":"#)
        writeTask(r, &out, answer: &scratch)
        out.literal("}")
    }

    /// `answer` is a scratch buffer for the task's encoded answer.
    private func writeTask(_ r: ExportRecord, _ out: inout ExportBytes, answer: inout ExportBytes) {
        out.literal(#"{"taskId":"#); out.string(r.taskID)
        out.literal(#","type":"#); out.string(r.taskType)
        out.literal(#","stage":"#); out.string(r.stageName)
        out.literal(#","stageId":"#); out.string(r.stageID)
        out.literal(#","updatedAt":"#); out.date(r.updatedAt)
        out.literal(#","updatedBy":"#); out.optionalString(r.updatedBy)
        // The answer usually left the last Label stage unchanged: its history entry repeats the
        // task's answer text, so the scanned fragment is reused rather than scanned again.
        answer.removeAll()
        Self.answerParts(r.answerJSON, &answer)
        out.append(answer)
        out.literal(#","brushDataUrl":"#); out.optionalString(r.brushDataURL.map(publishURL))
        out.literal(#","medicalBrushDataUrl":"#); out.optionalString(r.medicalBrushDataURL.map(publishURL))
        out.literal(#","duration":"#); out.int(r.duration)
        out.literal(#","totalDuration":"#); out.int(r.totalDuration)
        if content.idleBlurDurations {
            out.literal(#","blurDuration":0,"idleDuration":0,"totalBlurDuration":0,"totalIdleDuration":0"#)
        }
        if let score = r.consensusScore {
            out.literal(#","consensusAverage":"#); out.double(score)
            out.literal(#","consensusDetailed":"#); out.splice(r.consensusDetailsJSON ?? "", empty: "[]")
        }
        if content.history {
            out.literal(#","stageHistory":["#)
            for i in r.history.indices {
                if i > 0 { out.literal(",") }
                writeHistory(r.history[i], &out, taskAnswer: r.answerJSON, fragment: answer)
            }
            out.literal("]")
        }
        out.literal("}")
    }

    private func writeHistory(_ h: ExportHistoryRecord, _ out: inout ExportBytes, taskAnswer: String, fragment: ExportBytes) {
        out.literal(#"{"stage":"#); out.string(h.stageName)
        out.literal(#","stageId":"#); out.string(h.stageID)
        out.literal(#","duration":"#); out.int(h.duration)
        out.literal(#","completedAt":"#); out.date(h.completedAt)
        if let by = h.completedBy { out.literal(#","completedBy":"#); out.string(by) }
        if h.answerJSON == taskAnswer { out.append(fragment) } else { Self.answerParts(h.answerJSON, &out) }
        out.literal("}")
    }

    /// `,"tools":[..],"classifications":[..],"relations":[..]` of a stored answer, each `[]` when absent.
    private static func answerParts(_ answer: String, _ out: inout ExportBytes) {
        var text = answer
        text.withUTF8 { utf8 in
            var tools: UnsafeBufferPointer<UInt8>?, classifications: UnsafeBufferPointer<UInt8>?, relations: UnsafeBufferPointer<UInt8>?
            RawJSONObject.forEachMember(utf8) { key, value in
                guard value.first == UInt8(ascii: "[") else { return }
                if RawJSONObject.key(key, is: "tools") { tools = value }
                else if RawJSONObject.key(key, is: "classifications") { classifications = value }
                else if RawJSONObject.key(key, is: "relations") { relations = value }
            }
            out.literal(#","tools":"#); if let tools { out.append(tools) } else { out.literal("[]") }
            out.literal(#","classifications":"#); if let classifications { out.append(classifications) } else { out.literal("[]") }
            out.literal(#","relations":"#); if let relations { out.append(relations) } else { out.literal("[]") }
        }
    }

    /// Calls `body` with the raw value of one top-level member of a stored object, if present.
    static func member(named name: StaticString, of json: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = json
        text.withUTF8 { utf8 in
            RawJSONObject.forEachMember(utf8) { key, value in if RawJSONObject.key(key, is: name) { body(value) } }
        }
    }
}
