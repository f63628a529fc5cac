import GlossCore
import Testing
@testable import GlossServer

@Suite("Export board: downloads wait for the file to grow")
struct ExportBoardTests {
    static func job(_ id: String) -> ExportJob {
        ExportJob(id: id, projectID: "p", requestedBy: "a@x.test", format: .json, state: .running, total: 0, done: 0, bytes: 0,
                  error: nil, createdAt: 1, updatedAt: 1)
    }

    @Test("a waiter returns once the file grew or the job ended, whether that came before or after it waited", .timeLimit(.minutes(1)))
    func waitersWake() async throws {
        let board = ExportBoard()
        board.begin(Self.job("j"))
        let start = try #require(board.version("j"))

        // Growth before the wait: no waiting at all.
        board.grew("j")
        await board.waitForChange("j", since: start)
        let afterGrowth = try #require(board.version("j"))
        #expect(afterGrowth == start + 1)

        // Growth while waiting: several followers of one job all wake.
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<3 { group.addTask { await board.waitForChange("j", since: afterGrowth) } }
            board.grew("j")
        }
        #expect(board.version("j") == afterGrowth + 1)

        // The end wakes waiters and marks the job finished; forgetting it wakes any left.
        let beforeEnd = try #require(board.version("j"))
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await board.waitForChange("j", since: beforeEnd) }
            board.end("j", failed: false)
        }
        #expect(board.progress("j")?.finished == true && board.progress("j")?.failed == false)
        let ended = try #require(board.version("j"))
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await board.waitForChange("j", since: ended) }
            board.forget("j")
        }
        #expect(board.version("j") == nil)
        // A job this server does not run has nothing to wait for.
        await board.waitForChange("j", since: ended)
    }
}
