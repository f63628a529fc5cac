extension ExportService {
    /// Streams the plan's tasks through a piecewise encoder: the task positions are cut into
    /// spans, up to `workers` spans are read, encoded and prepared (compressed) at once (SQLite
    /// readers, the JSON encoding and deflate run on every core), and the pieces are written in
    /// position order. Memory holds at most `workers` prepared pieces plus the ones waiting for an
    /// earlier span. Returns the number of
    /// tasks exported; calls `progress(done, total)` after every piece, where `total` is the
    /// selection's position range (an upper bound) until the final call, `(done, done)`.
    public func write(_ plan: Plan, encoder: some ExportChunkEncoder, output: any ExportOutput, span: Int64 = 1024,
                      workers: Int = 3, progress: (Int, Int) async throws -> Void) async throws -> Int {
        try output.startFile(encoder.fileName)
        try output.write(encoder.opening)
        // No COUNT first (on a big project it costs as much as the first pieces): progress counts
        // against the selection's position range, an upper bound, until the last piece is written.
        var done = 0
        if let bounds = try await store.exportBounds(plan.selection) {
            let total = Int(bounds.upperBound - bounds.lowerBound + 1)
            let store = self.store, selection = plan.selection, preparer = output.preparer
            let starts = Array(stride(from: bounds.lowerBound, through: bounds.upperBound, by: Int(span)))
            try await withThrowingTaskGroup(of: (Int, PreparedPiece?, Int).self) { group in
                var launched = 0, written = 0, wroteAny = false
                var waiting: [Int: (PreparedPiece?, Int)] = [:]
                func launch() {
                    let index = launched, lower = starts[index]
                    let upper = min(bounds.upperBound, lower + span - 1)
                    launched += 1
                    group.addTask {
                        // Compression happens here too, part by part as the piece is encoded.
                        let stream = try preparer.start()
                        let count = try await encoder.encodePiece(from: store, selection, positions: lower...upper, into: stream)
                        let piece = try stream.finish()
                        return (index, piece.rawCount == 0 ? nil : piece, count)
                    }
                }
                while launched < min(workers, starts.count) { launch() }
                while written < starts.count, let (index, bytes, count) = try await group.next() {
                    waiting[index] = (bytes, count)
                    while let (piece, pieceCount) = waiting.removeValue(forKey: written) {
                        if let piece {
                            if wroteAny { try output.write(encoder.separator) }
                            try output.write(prepared: piece)
                            wroteAny = true
                        }
                        written += 1
                        done += pieceCount
                        if launched < starts.count { launch() }
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
