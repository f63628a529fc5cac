import HummingbirdCore
import Logging
import NIOCore

/// A Swift concurrency `TaskExecutor` that runs jobs on one NIO event loop.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    func asUnownedTaskExecutor() -> UnownedTaskExecutor { UnownedTaskExecutor(ordinary: self) }
}

/// HTTP/1 connections whose request loop runs on the connection's own event loop.
///
/// By default a Hummingbird connection reads on its event loop, handles each request on the
/// global concurrency pool and writes back on the loop: two thread switches per request. On this
/// project's 2-core machines a switch (a futex wake and a context switch) cost more than a whole
/// queue claim, so `/health` alone took ~150 µs of CPU. Bound to its loop, a request that doesn't
/// wait on anything runs start to finish on one thread. Gloss's handlers never block for long on
/// anything but SQLite, which they already ran synchronously on a pool thread; long jobs (exports,
/// webhooks) run in their own unstructured tasks, which do not inherit the preference.
struct EventLoopBoundChannel<Inner: ServerChildChannel>: ServerChildChannel {
    typealias Value = Inner.Value
    let inner: Inner
    private let executors: [ObjectIdentifier: EventLoopTaskExecutor]

    /// `group` is the server's event loop group: one executor per loop, made once.
    init(_ inner: Inner, group: any EventLoopGroup) {
        self.inner = inner
        var executors: [ObjectIdentifier: EventLoopTaskExecutor] = [:]
        for loop in group.makeIterator() { executors[ObjectIdentifier(loop)] = EventLoopTaskExecutor(loop) }
        self.executors = executors
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        inner.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        let loop = value.channel.eventLoop
        let executor = executors[ObjectIdentifier(loop)] ?? EventLoopTaskExecutor(loop)
        await withTaskExecutorPreference(executor) { await inner.handle(value: value, logger: logger) }
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with each connection's requests handled on its event loop (see `EventLoopBoundChannel`).
    static func http1OnEventLoops(group: any EventLoopGroup) -> HTTPServerBuilder {
        .init { responder in EventLoopBoundChannel(HTTP1Channel(responder: responder), group: group) }
    }
}
