import Foundation

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
    let content: Content
    /// Turns a stored file URL into one the reader can fetch (Gloss files get a signed URL).
    let publisher: ExportURLPublisher

    /// An encoder writing `export.json` or `export.ndjson`.
    public init(content: Content, publisher: ExportURLPublisher = .asStored) {
        self.content = content
        self.publisher = publisher
        fileName = content.lines ? "export.ndjson" : "export.json"
    }

    /// `[` for JSON; nothing for NDJSON.
    public var opening: [UInt8] { content.lines ? [] : [UInt8(ascii: "[")] }
    /// `,` between JSON pieces; NDJSON lines end in their own newline.
    public var separator: [UInt8] { content.lines ? [] : [UInt8(ascii: ",")] }
    /// `]` for JSON.
    public var closing: [UInt8] { content.lines ? [] : [UInt8(ascii: "]")] }

    /// The records as one piece of the file, in one array.
    public func encode(_ records: [ExportRecord]) throws -> [UInt8] {
        let piece = CollectedPiece()
        _ = try write(records, into: piece)
        return piece.bytes
    }

    /// The records as one piece, in parts into `sink`; returns how many were written.
    public func write(_ records: [ExportRecord], into sink: any ExportPieceSink) throws -> Int {
        var piece = AngoExportPiece(encoder: self, into: sink)
        // By index, not `enumerated()`: that copies every record (a retain per string field).
        for index in records.indices {
            try piece.task(records[index])
            for entry in records[index].history { piece.history(entry) }
        }
        try piece.finish()
        return piece.count
    }

    /// The piece for the tasks at `positions`: on SQLite encoded from the rows as they are read.
    public func encodePiece(from store: any ExportStore, _ selection: ExportSelection, positions: ClosedRange<Int64>,
                            into sink: any ExportPieceSink) async throws -> Int {
        try await store.exportAngoPiece(selection, positions: positions, encoder: self, into: sink)
    }
}

/// One piece of an Ango export, written task by task as its fields arrive: `task` writes a task
/// up to its stage history, `history` appends one entry, and the next `task` (or `finish`)
/// closes it. Keys are written as literal fragments (`,"assetId":`): the field order is fixed, so
/// there is no comma bookkeeping per value, which is most of what a general JSON writer spends.
///
/// The bytes go to the sink in parts of about `partSize`, whole tasks each: a part is checksummed
/// and deflated while it is still in the core's cache, and a piece of a thousand tasks (~2 MB)
/// never sits in memory whole.
public struct AngoExportPiece {
    private let encoder: AngoExportEncoder
    private let sink: any ExportPieceSink
    private let partSize: Int
    private let out: ExportBytes
    /// The open task's answer as stored, and its encoded parts: a history entry whose answer
    /// is the same text (the last Label stage usually left it unchanged) reuses the parts.
    private let taskAnswer = ExportBytes(capacity: 4096)
    private let answerParts = ExportBytes(capacity: 4096)
    private var historyEntries = 0
    /// Tasks written so far.
    public private(set) var count = 0

    /// An empty piece writing into `sink`.
    public init(encoder: AngoExportEncoder, into sink: any ExportPieceSink, partSize: Int = 64 << 10) {
        self.encoder = encoder
        self.sink = sink
        self.partSize = partSize
        out = ExportBytes.pooled(capacity: partSize + partSize / 4)
    }

    /// Starts the next task (closing the one before).
    public mutating func task(_ r: some ExportTaskFields) throws {
        let content = encoder.content
        closeTask()
        if out.count >= partSize { try drain() }
        if count > 0 && !content.lines { out.literal(",") }
        count += 1
        historyEntries = 0
        out.literal(#"{"asset":"#); url(r, .assetURL, orNull: false)
        out.literal(#","assetId":"#); r.withText(.assetID) { out.string($0 ?? .empty) }
        out.literal(#","externalId":"#); r.withText(.externalID) { out.string($0 ?? .empty) }
        r.withText(.metadata) { metadata in
            let metadata = metadata ?? .empty
            if content.metadata { out.literal(#","metadata":"#); out.splice(metadata, empty: "{}") }
            // Multi-page assets list their pages in metadata.dataset (see StagePayload.dataset).
            out.literal(#","dataset":"#)
            var dataset = false
            RawJSONObject.forEachMember(metadata) { key, value in
                if !dataset, RawJSONObject.key(key, is: "dataset"), value.first == UInt8(ascii: "[") { out.append(value); dataset = true }
            }
            if !dataset { out.literal("[]") }
        }
        out.literal(#","contextData":"#); r.withText(.contextData) { out.splice($0 ?? .empty, empty: "{}") }
        out.literal(#","batches":["#)
        let batches = r.batchNames
        for i in batches.indices {
            if i > 0 { out.literal(",") }
            out.string(batches[i])
        }
        out.literal(#"],"task":"#)
        out.literal(#"{"taskId":"#); r.withText(.taskID) { out.string($0 ?? .empty) }
        out.literal(#","type":"#); r.withText(.taskType) { out.string($0 ?? .empty) }
        out.literal(#","stage":"#); out.string(r.stageName)
        out.literal(#","stageId":"#); r.withText(.stageID) { out.string($0 ?? .empty) }
        out.literal(#","updatedAt":"#); out.date(r.int(.updatedAt))
        out.literal(#","updatedBy":"#); r.withText(.updatedBy) { out.optionalString($0) }
        r.withText(.answer) { answer in
            let answer = answer ?? .empty
            taskAnswer.removeAll()
            taskAnswer.append(answer)
            answerParts.removeAll()
            Self.answerParts(answer, answerParts)
        }
        out.append(answerParts)
        out.literal(#","brushDataUrl":"#); url(r, .brushDataURL, orNull: true)
        out.literal(#","medicalBrushDataUrl":"#); url(r, .medicalBrushDataURL, orNull: true)
        out.literal(#","duration":"#); out.int(r.int(.duration))
        out.literal(#","totalDuration":"#); out.int(r.int(.totalDuration))
        if content.idleBlurDurations {
            out.literal(#","blurDuration":0,"idleDuration":0,"totalBlurDuration":0,"totalIdleDuration":0"#)
        }
        if let score = r.consensusScore {
            out.literal(#","consensusAverage":"#); out.double(score)
            out.literal(#","consensusDetailed":"#); r.withText(.consensusDetails) { out.splice($0 ?? .empty, empty: "[]") }
        }
        if content.history { out.literal(#","stageHistory":["#) }
    }

    /// Appends a stage-history entry to the open task (ignored when the export leaves history out).
    public mutating func history(_ h: some ExportHistoryFields) {
        guard encoder.content.history, count > 0 else { return }
        if historyEntries > 0 { out.literal(",") }
        historyEntries += 1
        out.literal(#"{"stage":"#); h.withText(.stageName) { out.string($0 ?? .empty) }
        out.literal(#","stageId":"#); h.withText(.stageID) { out.string($0 ?? .empty) }
        out.literal(#","duration":"#); out.int(h.duration)
        out.literal(#","completedAt":"#); out.date(h.completedAt)
        h.withText(.completedBy) { by in
            if let by { out.literal(#","completedBy":"#); out.string(by) }
        }
        h.withText(.answer) { answer in
            let answer = answer ?? .empty
            if taskAnswer.equals(answer) { out.append(answerParts) } else { Self.answerParts(answer, out) }
        }
        out.literal("}")
    }

    /// Closes the last task and hands the rest to the sink. The piece is done with afterwards.
    public mutating func finish() throws {
        closeTask()
        defer { out.recycle() }
        try drain()
    }

    private func drain() throws {
        guard out.count > 0 else { return }
        try out.withUnsafeBytes { try sink.append($0) }
        out.removeAll()
    }

    private mutating func closeTask() {
        guard count > 0 else { return }
        if encoder.content.history { out.literal("]") }
        out.literal("}}")
        if encoder.content.lines { out.literal("\n") }
    }

    /// A URL field as the reader fetches it; NULL is `null` when `orNull`, else `""`.
    private func url(_ r: some ExportTaskFields, _ field: ExportTaskText, orNull: Bool) {
        let publisher = encoder.publisher
        r.withText(field) { stored in
            guard let stored else { if orNull { out.literal("null") } else { out.string(.empty) }; return }
            if publisher.mayChange(stored) {
                out.string(publisher.publish(String(decoding: stored, as: UTF8.self)))
            } else {
                out.string(stored)
            }
        }
    }

    /// `,"tools":[..],"classifications":[..],"relations":[..]` of a stored answer, each `[]` when absent.
    private static func answerParts(_ answer: UnsafeBufferPointer<UInt8>, _ out: ExportBytes) {
        var tools: UnsafeBufferPointer<UInt8>?, classifications: UnsafeBufferPointer<UInt8>?, relations: UnsafeBufferPointer<UInt8>?
        RawJSONObject.forEachMember(answer) { key, value in
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

extension UnsafeBufferPointer where Element == UInt8 {
    /// No bytes (the text of a NULL column where one is needed).
    static var empty: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: nil, count: 0) }
}
