import GlossCore

/// Picks the formatter for an export's format and runs the export through it. The server's
/// jobs and `gloss export` both come through here.
public enum ExportFormatters {
    /// Writes `plan` into `output`; returns the number of tasks exported.
    /// `publisher` turns stored file URLs into ones the reader can fetch.
    public static func write(_ plan: ExportService.Plan, service: ExportService, output: any ExportOutput,
                             publisher: ExportURLPublisher = .asStored,
                             progress: (Int, Int) async throws -> Void) async throws -> Int {
        if plan.options.kind == .issue { return try await service.writeIssues(plan, output: output, progress: progress) }
        let schema = plan.project.categorySchema
        switch plan.options.format {
        case .json, .ndjson:
            let encoder = AngoExportEncoder(content: .init(plan.options), publisher: publisher)
            return try await service.write(plan, encoder: encoder, output: output, progress: progress)
        case .coco: return try await service.write(plan, formatter: COCOFormatter(categorySchema: schema), output: output, progress: progress)
        case .yolo: return try await service.write(plan, formatter: YOLOFormatter(categorySchema: schema), output: output, progress: progress)
        case .voc: return try await service.write(plan, formatter: VOCFormatter(categorySchema: schema), output: output, progress: progress)
        case .csv: return try await service.write(plan, formatter: CSVFormatter(categorySchema: schema), output: output, progress: progress)
        }
    }
}
