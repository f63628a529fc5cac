/// A background export: one zip file per job, so concurrent exports never overwrite each other.
/// The row is shared by every server, so any of them can report progress or serve the download.
public struct ExportJob: Sendable, Hashable {
    /// Where the job is.
    public enum State: String, Sendable { case running, done, failed }

    /// Job id (also the zip's file name).
    public var id: String
    /// Project id.
    public var projectID: String
    /// Email of the requester.
    public var requestedBy: String
    /// Output format.
    public var format: ExportFormat
    /// Current state.
    public var state: State
    /// Tasks the export covers (known once counted).
    public var total: Int
    /// Tasks written so far (counting every pass of two-pass formats once).
    public var done: Int
    /// Bytes of the zip written so far.
    public var bytes: Int64
    /// Why it failed.
    public var error: String?
    /// Creation time, epoch ms.
    public var createdAt: Int64
    /// Last progress write, epoch ms: a running job whose server died stops moving.
    public var updatedAt: Int64

    /// Creates a job.
    public init(id: String, projectID: String, requestedBy: String, format: ExportFormat, state: State, total: Int, done: Int,
                bytes: Int64, error: String?, createdAt: Int64, updatedAt: Int64) {
        self.id = id; self.projectID = projectID; self.requestedBy = requestedBy; self.format = format; self.state = state
        self.total = total; self.done = done; self.bytes = bytes; self.error = error; self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
