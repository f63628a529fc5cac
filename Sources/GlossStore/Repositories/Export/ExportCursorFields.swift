import Foundation
import GlossCore

/// An exported task's fields, handed to the Ango encoder as the bytes SQLite holds: the task's
/// on the current row of the task scan (columns in the order of `SQLExportStore.mergedTaskColumns`),
/// its asset's on the current row of the asset scan (id, data, external id, metadata, context data).
struct ExportCursorTask: ExportTaskFields {
    let cursor: SQLiteRowCursor
    let asset: SQLiteRowCursor
    let names: ExportCursorNames

    func withText(_ field: ExportTaskText, _ body: (UnsafeBufferPointer<UInt8>?) -> Void) {
        let (row, column): (SQLiteRowCursor, Int32) = switch field {
        case .taskID: (cursor, 1)
        case .stageID: (cursor, 2)
        case .taskType: (cursor, 3)
        case .updatedBy: (cursor, 7)
        case .answer: (cursor, 8)
        case .brushDataURL: (cursor, 9)
        case .medicalBrushDataURL: (cursor, 10)
        case .consensusDetails: (cursor, 14)
        case .assetID: (asset, 0)
        case .assetURL: (asset, 1)
        case .externalID: (asset, 2)
        case .metadata: (asset, 3)
        case .contextData: (asset, 4)
        }
        body(row.bytes(column))
    }

    func int(_ field: ExportTaskInt) -> Int64 {
        switch field {
        case .updatedAt: cursor.int64(6)
        case .duration: cursor.int64(11)
        case .totalDuration: cursor.int64(12)
        }
    }

    var consensusScore: Double? { cursor.optionalDouble(13) }
    var batchNames: [String] { names.batches(cursor.bytes(4)) }
    var stageName: String { names.stage(cursor.bytes(2)) }
}

/// A stage-history entry on the current row of a SQLite history read: the columns from `first`
/// on are stage id, stage name, duration, completed at, completed by, answer.
struct ExportCursorHistory: ExportHistoryFields {
    let cursor: SQLiteRowCursor
    let first: Int32

    func withText(_ field: ExportHistoryText, _ body: (UnsafeBufferPointer<UInt8>?) -> Void) {
        let offset: Int32 = switch field {
        case .stageID: 0
        case .stageName: 1
        case .completedBy: 4
        case .answer: 5
        }
        body(cursor.bytes(first + offset))
    }

    var duration: Int64 { cursor.int64(first + 2) }
    var completedAt: Int64 { cursor.int64(first + 3) }
}

/// Display names for the stored stage ids and batch lists of one export piece. They repeat from
/// row to row (a few stages and batch lists, many tasks), so each distinct text is looked up
/// once and the last one is recognized by its bytes, without making a `String`.
final class ExportCursorNames {
    private let selection: ExportSelection
    private var lastStage: [UInt8] = [], lastStageName = ""
    private var lastBatches: [UInt8] = [], lastBatchNames: [String] = []
    private var batchesByText: [String: [String]] = [:]

    init(selection: ExportSelection) { self.selection = selection }

    /// The name for a stored stage id (NULL reads as "").
    func stage(_ id: UnsafeBufferPointer<UInt8>?) -> String {
        let id = id ?? UnsafeBufferPointer(start: nil, count: 0)
        if !Self.same(id, lastStage) || lastStageName.isEmpty {
            lastStage = Array(id)
            lastStageName = selection.stageName(of: String(decoding: id, as: UTF8.self))
        }
        return lastStageName
    }

    /// The names for a stored batch list (NULL or unreadable: none).
    func batches(_ text: UnsafeBufferPointer<UInt8>?) -> [String] {
        let text = text ?? UnsafeBufferPointer(start: nil, count: 0)
        if Self.same(text, lastBatches) && !lastBatches.isEmpty { return lastBatchNames }
        let key = String(decoding: text, as: UTF8.self)
        let names = batchesByText[key] ?? {
            let names = key.isEmpty ? [] : (try? selection.batchNames(ofStored: key)) ?? []
            batchesByText[key] = names
            return names
        }()
        lastBatches = Array(text)
        lastBatchNames = names
        return names
    }

    private static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
        a.count == b.count && b.withUnsafeBufferPointer { b in a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
    }
}
