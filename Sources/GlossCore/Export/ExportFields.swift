/// The fields of one exported task and its asset, read where they are stored: an `ExportRecord`,
/// or (on SQLite) the current row of the export query, whose text the Ango encoder copies
/// straight into the file without making a `String` per field. A million-task export reads some
/// thirty fields per task; their allocations were a fifth of its time.
public protocol ExportTaskFields {
    /// Calls `body` with the field's UTF-8 bytes, nil for NULL. The bytes live only inside `body`.
    func withText(_ field: ExportTaskText, _ body: (UnsafeBufferPointer<UInt8>?) -> Void)
    /// A number field.
    func int(_ field: ExportTaskInt) -> Int64
    /// Consensus score 0–100, nil when the task has none.
    var consensusScore: Double? { get }
    /// Names of the task's batches, in the task's order.
    var batchNames: [String] { get }
    /// Display name of the task's stage.
    var stageName: String { get }
}

/// Text fields of an exported task and its asset.
public enum ExportTaskText: Sendable {
    case assetID, assetURL, externalID, metadata, contextData, taskID, stageID, taskType, updatedBy, answer
    case brushDataURL, medicalBrushDataURL, consensusDetails
}

/// Number fields of an exported task.
public enum ExportTaskInt: Sendable {
    case updatedAt, duration, totalDuration
}

/// The fields of one stage-history entry of an exported task.
public protocol ExportHistoryFields {
    /// Calls `body` with the field's UTF-8 bytes, nil for NULL. The bytes live only inside `body`.
    func withText(_ field: ExportHistoryText, _ body: (UnsafeBufferPointer<UInt8>?) -> Void)
    /// Time spent in the stage, ms.
    var duration: Int64 { get }
    /// When the task left the stage, epoch ms.
    var completedAt: Int64 { get }
}

/// Text fields of a stage-history entry.
public enum ExportHistoryText: Sendable {
    case stageID, stageName, completedBy, answer
}

extension ExportRecord: ExportTaskFields {
    public func withText(_ field: ExportTaskText, _ body: (UnsafeBufferPointer<UInt8>?) -> Void) {
        let text: String? = switch field {
        case .assetID: assetID
        case .assetURL: assetURL
        case .externalID: externalID
        case .metadata: metadataJSON
        case .contextData: contextDataJSON
        case .taskID: taskID
        case .stageID: stageID
        case .taskType: taskType
        case .updatedBy: updatedBy
        case .answer: answerJSON
        case .brushDataURL: brushDataURL
        case .medicalBrushDataURL: medicalBrushDataURL
        case .consensusDetails: consensusDetailsJSON
        }
        withUTF8(of: text, body)
    }

    public func int(_ field: ExportTaskInt) -> Int64 {
        switch field {
        case .updatedAt: updatedAt
        case .duration: duration
        case .totalDuration: totalDuration
        }
    }
}

extension ExportHistoryRecord: ExportHistoryFields {
    public func withText(_ field: ExportHistoryText, _ body: (UnsafeBufferPointer<UInt8>?) -> Void) {
        let text: String? = switch field {
        case .stageID: stageID
        case .stageName: stageName
        case .completedBy: completedBy
        case .answer: answerJSON
        }
        withUTF8(of: text, body)
    }
}

/// Calls `body` with the text's UTF-8 bytes, nil for nil.
private func withUTF8(of text: String?, _ body: (UnsafeBufferPointer<UInt8>?) -> Void) {
    guard var text else { body(nil); return }
    text.withUTF8 { body($0) }
}

/// Turns stored file URLs into ones an export's reader can fetch (Gloss files and storage objects
/// get signed URLs).
public struct ExportURLPublisher: Sendable {
    /// The URL to write for a stored one.
    public let publish: @Sendable (String) -> String
    /// Whether `publish` may change a URL with these bytes; when false the stored bytes are
    /// written as they are, without making a `String` of them.
    public let mayChange: @Sendable (UnsafeBufferPointer<UInt8>) -> Bool

    /// A publisher; `mayChange` must be true for every URL `publish` would change.
    public init(mayChange: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> Bool, publish: @escaping @Sendable (String) -> String) {
        self.mayChange = mayChange; self.publish = publish
    }

    /// Writes URLs as stored.
    public static let asStored = ExportURLPublisher(mayChange: { _ in false }, publish: { $0 })
}
