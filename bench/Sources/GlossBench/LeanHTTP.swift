import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal blocking HTTP/1.1 client over one keep-alive TCP connection, for the labeling loops:
/// on this 2-core machine the client shares the CPU with the server, and AsyncHTTPClient's
/// per-request cost (several task hops) would be measured instead of the server's. One instance
/// per thread.
final class LeanHTTP {
    private let fd: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var pending: [UInt8] = []

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchError("socket failed") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); throw BenchError("connect to port \(port) failed") }
    }

    deinit { close(fd) }

    /// Sends one request and reads the whole response; returns the status and body.
    func send(_ method: String, _ path: String, key: String, body: [UInt8] = []) throws -> (status: Int, body: [UInt8]) {
        var request: [UInt8] = []
        request.reserveCapacity(200 + body.count)
        request += method.utf8; request.append(32); request += path.utf8
        request += " HTTP/1.1\r\nHost: 127.0.0.1\r\napikey: ".utf8; request += key.utf8
        request += "\r\ncontent-type: application/json\r\ncontent-length: ".utf8; request += String(body.count).utf8
        request += "\r\n\r\n".utf8
        request += body
        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw BenchError("send failed") }
            sent += n
        }
        return try readResponse()
    }

    // The response is parsed with plain byte scans: on 2 cores every microsecond the client spends
    // is taken from the server being measured.
    private func readResponse() throws -> (status: Int, body: [UInt8]) {
        var headerEnd = 0
        var scanned = 0
        while headerEnd == 0 {
            var i = max(0, scanned - 3)
            while i + 3 < pending.count {
                if pending[i] == 13 && pending[i + 1] == 10 && pending[i + 2] == 13 && pending[i + 3] == 10 { headerEnd = i + 4; break }
                i += 1
            }
            scanned = pending.count
            if headerEnd == 0 { try fill() }
        }
        // "HTTP/1.1 200 ...": the status is the three digits after the first space.
        guard headerEnd > 12 else { throw BenchError("short response head") }
        let status = (Int(pending[9]) - 48) * 100 + (Int(pending[10]) - 48) * 10 + (Int(pending[11]) - 48)
        let length = Self.contentLength(pending[0..<headerEnd])
        while pending.count < headerEnd + length { try fill() }
        let body = Array(pending[headerEnd..<(headerEnd + length)])
        pending.removeFirst(headerEnd + length)
        return (status, body)
    }

    /// The Content-Length of a response head (0 when absent).
    private static func contentLength(_ head: ArraySlice<UInt8>) -> Int {
        let name = Array("content-length:".utf8)
        var lineStart = head.startIndex
        while lineStart < head.endIndex {
            var lineEnd = lineStart
            while lineEnd < head.endIndex && head[lineEnd] != 10 { lineEnd += 1 }
            if lineEnd - lineStart > name.count,
               zip(head[lineStart..<(lineStart + name.count)], name).allSatisfy({ ($0 | 0x20) == $1 }) {
                var value = 0
                for byte in head[(lineStart + name.count)..<lineEnd] where byte >= 48 && byte <= 57 { value = value * 10 + Int(byte - 48) }
                return value
            }
            lineStart = lineEnd + 1
        }
        return 0
    }

    private func fill() throws {
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { throw BenchError("connection closed") }
        pending += buffer[0..<n]
    }
}

/// Runs `count` threads (blocking clients) and waits for all; returns their results in order.
func onThreads<T>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
    let box = ThreadResults<T>(count)
    let group = DispatchGroup()
    for i in 0..<count {
        group.enter()
        let thread = Thread {
            let result = Result { try body(i) }
            box.lock.lock(); box.results[i] = result; box.lock.unlock()
            group.leave()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
    group.wait()
    return try box.results.map { try $0!.get() }
}

/// Results of `onThreads`, written under a lock.
final class ThreadResults<T>: @unchecked Sendable {
    let lock = NSLock()
    var results: [Result<T, any Error>?]
    init(_ count: Int) { results = Array(repeating: nil, count: count) }
}
