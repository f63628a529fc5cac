import GlossCore

/// Writes an export straight to a zip file: what `gloss export` runs. The same formatters, zip
/// writer and file sink as the server's export jobs, without a job row.
public enum ExportFileWriter {
    /// Exports `plan` into a new zip at `path`; returns the tasks exported and the zip's size.
    public static func write(_ plan: ExportService.Plan, service: ExportService, to path: String, level: Int = 1,
                             progress: (Int, Int) async throws -> Void) async throws -> (tasks: Int, bytes: Int64) {
        let sink = try FileZipSink(path: path)
        let zip = ZipStreamWriter(sink: sink, level: level)
        let tasks = try await ExportFormatters.write(plan, service: service, output: zip, progress: progress)
        try zip.finish()
        try sink.close()
        return (tasks, Int64(zip.offset))
    }
}
