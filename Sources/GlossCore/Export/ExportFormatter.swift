/// Where a formatter writes: a container of named files (the export zip, or a test buffer).
/// The first file started is the zip's first member, which is the one the SDK reads.
public protocol ExportOutput: AnyObject {
    /// Ends the current file (if any) and starts a new one named `name` (a relative path).
    func startFile(_ name: String) throws
    /// Appends bytes to the current file.
    func write(_ bytes: [UInt8]) throws
}

/// Turns exported records into files, streaming: it sees each record once per pass and must not
/// keep records (memory may not grow with the project). A format that needs two sweeps (COCO:
/// images, then annotations, in one JSON document) asks for `passes == 2` and the export reads
/// the tasks twice, in the same order.
public protocol ExportFormatter {
    /// How many times the export feeds every record (1 or 2).
    var passes: Int { get }
    /// Called before the first record of `pass`.
    mutating func begin(pass: Int, output: any ExportOutput) throws
    /// Called for every record, in task order.
    mutating func add(_ record: ExportRecord, pass: Int, output: any ExportOutput) throws
    /// Called after the last record of `pass`.
    mutating func finish(pass: Int, output: any ExportOutput) throws
}

/// The export formats: Ango's own (`json`, `ndjson`) and the standard ones.
public enum ExportFormat: String, Sendable, CaseIterable {
    case json, ndjson, coco, yolo, voc, csv
}

/// A format whose file is its pieces joined in order (`opening`, pieces with `separator` between
/// the non-empty ones, `closing`), each piece encoded from a page of records on its own. An export
/// can then encode several pages on several cores at once and write them in order.
public protocol ExportChunkEncoder: Sendable {
    /// The zip member's name.
    var fileName: String { get }
    /// Bytes before the first piece.
    var opening: [UInt8] { get }
    /// Bytes between two non-empty pieces.
    var separator: [UInt8] { get }
    /// Bytes after the last piece.
    var closing: [UInt8] { get }
    /// One page of records, encoded.
    func encode(_ records: [ExportRecord]) -> [UInt8]
}
