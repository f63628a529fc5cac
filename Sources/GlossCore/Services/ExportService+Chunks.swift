import Synchronization

extension ExportService {
    /// Streams the plan's tasks through a piecewise encoder: the task positions are cut into
    /// spans, up to `workers` spans are read and encoded at once (SQLite readers and the JSON
    /// encoding run on every core), and the pieces are written in position order. Memory holds
    /// at most `workers` pieces plus the ones waiting for an earlier span. Returns the number of
    /// tasks exported; calls `progress(done, total)` after every piece.
    public func write(_ plan: Plan, encoder: some ExportChunkEncoder, output: any ExportOutput, span: Int64 = 1024,
                      workers: Int = 3, progress: (Int, Int) async throws -> Void) async throws -> Int {
        try output.startFile(encoder.fileName)
        try output.write(encoder.opening)
        // The count is only for progress reports: it runs beside the export (on a big project it
        // takes as long as the first pieces), and reports say 0 for the total until it is known.
        let counted = CountBox()
        let counting = Task { [store, selection = plan.selection] in counted.set(try? await store.exportCount(selection)) }
        defer { counting.cancel() }
        var total = 0
        var done = 0
        if let bounds = try await store.exportBounds(plan.selection) {
            let store = self.store, selection = plan.selection
            let starts = Array(stride(from: bounds.lowerBound, through: bounds.upperBound, by: Int(span)))
            try await withThrowingTaskGroup(of: (Int, [UInt8], Int).self) { group in
                var launched = 0, written = 0, wroteAny = false
                var waiting: [Int: ([UInt8], Int)] = [:]
                func launch() {
                    let index = launched, lower = starts[index]
                    let upper = min(bounds.upperBound, lower + span - 1)
                    launched += 1
                    group.addTask {
                        let records = try await store.exportRange(selection, positions: lower...upper)
                        return (index, records.isEmpty ? [] : encoder.encode(records), records.count)
                    }
                }
                while launched < min(workers, starts.count) { launch() }
                while written < starts.count, let (index, bytes, count) = try await group.next() {
                    waiting[index] = (bytes, count)
                    while let (piece, pieceCount) = waiting.removeValue(forKey: written) {
                        if !piece.isEmpty {
                            if wroteAny { try output.write(encoder.separator) }
                            try output.write(piece)
                            wroteAny = true
                        }
                        written += 1
                        done += pieceCount
                        if launched < starts.count { launch() }
                        if total == 0, let known = counted.value { total = known }
                        try await progress(done, max(total, done))
                    }
                }
            }
        }
        try output.write(encoder.closing)
        try await progress(done, done)
        return done
    }
}

/// The total, once the count running beside an export has it.
private final class CountBox: Sendable {
    private let state = Mutex<Int?>(nil)
    var value: Int? { state.withLock { $0 } }
    func set(_ count: Int?) { state.withLock { $0 = count } }
}
