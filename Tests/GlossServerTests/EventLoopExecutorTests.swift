import NIOCore
import NIOPosix
import Testing
@testable import GlossServer

@Suite("Requests on their connection's event loop")
struct EventLoopExecutorTests {
    @Test("work under the loop's executor preference runs on that loop, also after a suspension")
    func runsOnTheLoop() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let loops = Array(group.makeIterator())
        let executor = EventLoopTaskExecutor(loops[1])
        let (before, after, other) = await withTaskExecutorPreference(executor) {
            let before = loops[1].inEventLoop
            // A suspension that resumes from elsewhere (the other loop completes the future).
            try? await loops[0].submit {}.get()
            return (before, loops[1].inEventLoop, loops[0].inEventLoop)
        }
        #expect(before && after)
        #expect(!other)
        try await group.shutdownGracefully()
    }
}
