/// The Ango Export Format (spec §8, D3): a JSON array of exported assets, or one per line
/// (NDJSON). Stored JSON (answers, metadata, context data) is spliced in as text, never parsed:
/// this formatter is the hot loop of every export.
public struct AngoExportFormatter: ExportFormatter {
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
    private var writer = JSONWriter(capacity: 1 << 17)
    private static let flushSize = 1 << 16

    /// A formatter writing `export.json` or `export.ndjson`.
    public init(content: Content, publishURL: @escaping @Sendable (String) -> String = { $0 }) {
        self.content = content
        self.publishURL = publishURL
        fileName = content.lines ? "export.ndjson" : "export.json"
    }

    /// One pass.
    public var passes: Int { 1 }

    /// Starts the file (and the array).
    public mutating func begin(pass: Int, output: any ExportOutput) throws {
        try output.startFile(fileName)
        if !content.lines { writer.beginArray() }
    }

    /// Writes one exported asset.
    public mutating func add(_ record: ExportRecord, pass: Int, output: any ExportOutput) throws {
        writeAsset(record)
        if content.lines {
            writer.verbatim("\n")
            writer.resetTopLevel()
        }
        if writer.bytes.count >= Self.flushSize { try output.write(writer.drain()) }
    }

    /// Closes the array and flushes.
    public mutating func finish(pass: Int, output: any ExportOutput) throws {
        if !content.lines { writer.endArray() }
        try output.write(writer.drain())
    }

    private mutating func writeAsset(_ r: ExportRecord) {
        writer.beginObject()
        writer.key("asset"); writer.string(publishURL(r.assetURL))
        writer.key("assetId"); writer.string(r.assetID)
        writer.key("externalId"); writer.string(r.externalID)
        var dataset: [UInt8]? = nil
        if content.metadata {
            writer.key("metadata"); splice(r.metadataJSON)
        }
        // Multi-page assets list their pages in metadata.dataset (see StagePayload.dataset).
        Self.member(named: "dataset", of: r.metadataJSON) { value in dataset = Array(value) }
        writer.key("dataset"); if let dataset, dataset.first == UInt8(ascii: "[") { writer.raw(dataset) } else { writer.raw(Self.emptyList) }
        writer.key("contextData"); splice(r.contextDataJSON)
        writer.key("batches"); writer.strings(r.batchNames)
        writer.key("task"); writeTask(r)
        writer.endObject()
    }

    private mutating func writeTask(_ r: ExportRecord) {
        writer.beginObject()
        writer.key("taskId"); writer.string(r.taskID)
        writer.key("type"); writer.string(r.taskType)
        writer.key("stage"); writer.string(r.stageName)
        writer.key("stageId"); writer.string(r.stageID)
        writer.key("updatedAt"); writer.date(millis: r.updatedAt)
        writer.key("updatedBy"); writer.string(r.updatedBy)
        answerParts(r.answerJSON)
        writer.key("brushDataUrl"); writer.string(r.brushDataURL.map(publishURL))
        writer.key("medicalBrushDataUrl"); writer.string(r.medicalBrushDataURL.map(publishURL))
        writer.key("duration"); writer.int(r.duration)
        writer.key("totalDuration"); writer.int(r.totalDuration)
        if content.idleBlurDurations {
            for key in ["blurDuration", "idleDuration", "totalBlurDuration", "totalIdleDuration"] { writer.key(key); writer.int(0) }
        }
        if let score = r.consensusScore {
            writer.key("consensusAverage"); writer.double(score)
            writer.key("consensusDetailed")
            if let details = r.consensusDetailsJSON { splice(details) } else { writer.raw(Self.emptyList) }
        }
        if content.history {
            writer.key("stageHistory")
            writer.beginArray()
            for entry in r.history { writeHistory(entry) }
            writer.endArray()
        }
        writer.endObject()
    }

    private mutating func writeHistory(_ h: ExportHistoryRecord) {
        writer.beginObject()
        writer.key("stage"); writer.string(h.stageName)
        writer.key("stageId"); writer.string(h.stageID)
        writer.key("duration"); writer.int(h.duration)
        writer.key("completedAt"); writer.date(millis: h.completedAt)
        if let by = h.completedBy { writer.key("completedBy"); writer.string(by) }
        answerParts(h.answerJSON)
        writer.endObject()
    }

    private static let emptyList: [UInt8] = Array("[]".utf8)
    private static let emptyObject: [UInt8] = Array("{}".utf8)

    /// `tools`, `classifications` and `relations` of a stored answer, each `[]` when absent.
    private mutating func answerParts(_ answer: String) {
        var found: (tools: Range<Int>?, classifications: Range<Int>?, relations: Range<Int>?) = (nil, nil, nil)
        var text = answer
        text.withUTF8 { utf8 in
            RawJSONObject.forEachMember(utf8) { key, value in
                let range = (value.baseAddress! - utf8.baseAddress!)..<(value.baseAddress! - utf8.baseAddress! + value.count)
                if RawJSONObject.key(key, is: "tools") { found.tools = range }
                else if RawJSONObject.key(key, is: "classifications") { found.classifications = range }
                else if RawJSONObject.key(key, is: "relations") { found.relations = range }
            }
            for (name, range) in [("tools", found.tools), ("classifications", found.classifications), ("relations", found.relations)] {
                writer.key(name)
                if let range, utf8[range.lowerBound] == UInt8(ascii: "[") {
                    writer.raw(UnsafeBufferPointer(rebasing: utf8[range]))
                } else {
                    writer.raw(Self.emptyList)
                }
            }
        }
    }

    /// Splices a stored JSON document; an empty column becomes `{}`.
    private mutating func splice(_ json: String) {
        if json.isEmpty { writer.raw(Self.emptyObject); return }
        var text = json
        text.withUTF8 { writer.raw($0) }
    }

    /// Calls `body` with the raw value of one top-level member of a stored object, if present.
    static func member(named name: StaticString, of json: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = json
        text.withUTF8 { utf8 in
            RawJSONObject.forEachMember(utf8) { key, value in if RawJSONObject.key(key, is: name) { body(value) } }
        }
    }
}
