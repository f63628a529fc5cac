/// Reads exports out of the store and keeps export job rows.
public protocol ExportStore: Sendable {
    /// How many tasks the selection covers.
    func exportCount(_ selection: ExportSelection) async throws -> Int
    /// Up to `limit` records with a task position above `cursor`, in position order, and the
    /// position of the last one (nil when the page is empty). Each page is its own read, so an
    /// export never holds a transaction open for its whole run.
    func exportPage(_ selection: ExportSelection, after cursor: Int64, limit: Int) async throws -> (records: [ExportRecord], last: Int64?)
    /// Every selected record with a task position in `positions`, in position order.
    func exportRange(_ selection: ExportSelection, positions: ClosedRange<Int64>) async throws -> [ExportRecord]
    /// Encodes the Ango export piece of the selected tasks with a position in `positions` into
    /// `sink`; returns how many tasks it holds. A store that can hand the encoder its rows' fields
    /// as they are read (SQLite) does so; otherwise it reads the records and encodes them.
    func exportAngoPiece(_ selection: ExportSelection, positions: ClosedRange<Int64>, encoder: AngoExportEncoder,
                         into sink: any ExportPieceSink) async throws -> Int
    /// A position range holding every task the selection covers (nil when the project has no tasks).
    func exportBounds(_ selection: ExportSelection) async throws -> ClosedRange<Int64>?
    /// Stores a new job.
    func insertExportJob(_ job: ExportJob) async throws
    /// Writes a job's progress and state.
    func updateExportJob(_ job: ExportJob) async throws
    /// A job by id.
    func exportJob(id: String) async throws -> ExportJob?
}
