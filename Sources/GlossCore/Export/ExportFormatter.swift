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
