/// Where a formatter writes: a container of named files (the export zip, or a test buffer).
/// The first file started is the zip's first member, which is the one the SDK reads.
public protocol ExportOutput: AnyObject {
    /// Ends the current file (if any) and starts a new one named `name` (a relative path).
    func startFile(_ name: String) throws
    /// Appends bytes to the current file.
    func write(_ bytes: [UInt8]) throws
    /// What can be done to a piece of a file on any thread before it is written (a zip deflates
    /// and checksums it), so an export encoding pieces in parallel also spreads that work over
    /// the cores. Pieces it makes go to `write(prepared:)` of the same output, in file order.
    var preparer: ExportPiecePreparer { get }
    /// Appends a piece made by this output's `preparer`.
    func write(prepared piece: PreparedPiece) throws
}

extension ExportOutput {
    /// No preparation: pieces are written as they are.
    public var preparer: ExportPiecePreparer { .asIs }
    /// Writes the piece's bytes.
    public func write(prepared piece: PreparedPiece) throws { try write(piece.bytes) }
}

/// A piece of an export file ready for its output: `bytes` as the output stores them (for a zip,
/// deflated), with the checksum and length of the original bytes.
public struct PreparedPiece: Sendable {
    /// The bytes to store.
    public let bytes: [UInt8]
    /// The output's checksum of the original bytes (a zip's CRC-32; 0 when unused).
    public let checksum: UInt32
    /// Length of the original bytes.
    public let rawCount: Int

    /// Creates a piece.
    public init(bytes: [UInt8], checksum: UInt32, rawCount: Int) { self.bytes = bytes; self.checksum = checksum; self.rawCount = rawCount }
}

/// Takes a piece of an export file part by part, in file order.
public protocol ExportPieceSink: AnyObject {
    /// Takes the next part; its bytes are only valid during the call.
    func append(_ part: UnsafeBufferPointer<UInt8>) throws
}

/// A piece being prepared as its parts arrive (a zip checksums and deflates each part at once,
/// so a piece never sits whole in memory); `finish` hands over the piece.
public protocol ExportPieceStream: ExportPieceSink {
    /// The prepared piece, of every part appended (`rawCount` 0 when there was none).
    func finish() throws -> PreparedPiece
}

/// Starts `PreparedPiece`s; a stream is used on one thread, but streams may run on any.
public struct ExportPiecePreparer: Sendable {
    /// A new, empty piece.
    public let start: @Sendable () throws -> any ExportPieceStream

    /// Wraps the way pieces start.
    public init(start: @escaping @Sendable () throws -> any ExportPieceStream) { self.start = start }

    /// Keeps (a copy of) the bytes as they are.
    public static let asIs = ExportPiecePreparer { CollectedPiece() }
}

/// Collects a piece's parts as they are.
public final class CollectedPiece: ExportPieceStream {
    /// The parts so far, joined.
    public private(set) var bytes: [UInt8] = []

    /// An empty piece.
    public init() {}

    public func append(_ part: UnsafeBufferPointer<UInt8>) throws { bytes.append(contentsOf: part) }

    public func finish() throws -> PreparedPiece { PreparedPiece(bytes: bytes, checksum: 0, rawCount: bytes.count) }
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
    /// The selected tasks at `positions`, read from `store` and encoded into `sink` in parts;
    /// returns how many tasks the piece holds.
    func encodePiece(from store: any ExportStore, _ selection: ExportSelection, positions: ClosedRange<Int64>,
                     into sink: any ExportPieceSink) async throws -> Int
}
