import Foundation

/// A `gloss serve` child process on a free loopback port, with its data directory.
final class ServerProcess: @unchecked Sendable {  // used from the main task and the RSS sampler thread only
    let process = Process()
    private(set) var port = 0
    let dataDirectory: String
    let apiKey: String

    /// Starts the server and returns once it printed its URL; `coldStartMS` is the time from spawn
    /// until `/health` answered 200.
    init(binary: String, dataDirectory: String, apiKey: String) {
        self.dataDirectory = dataDirectory
        self.apiKey = apiKey
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDirectory]
        var env = ProcessInfo.processInfo.environment
        env["GLOSS_ADMIN_EMAIL"] = "bench@gloss.test"
        env["GLOSS_ADMIN_API_KEY"] = apiKey
        env["GLOSS_LOG_LEVEL"] = "warning"
        process.environment = env
    }

    /// Spawns the server; returns milliseconds until /health answered 200.
    func start(client: BenchHTTP) async throws -> Double {
        let pipe = Pipe()
        process.standardOutput = pipe
        let started = nowMS()
        try process.run()
        // The server prints "Gloss is running at http://127.0.0.1:PORT" once it listens.
        var buffer = Data()
        while port == 0 {
            let chunk = pipe.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw BenchError("server exited before listening") }
            buffer.append(chunk)
            let text = String(decoding: buffer, as: UTF8.self)
            if let range = text.range(of: "running at http://127.0.0.1:") {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                if let p = Int(digits), text[range.upperBound...].dropFirst(digits.count).first == "\n" { port = p }
            }
        }
        Thread.detachNewThread { while !pipe.fileHandleForReading.availableData.isEmpty {} }
        while true {
            if (try? await client.status("http://127.0.0.1:\(port)/health")) == 200 { return nowMS() - started }
            guard process.isRunning else { throw BenchError("server exited") }
        }
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Resident memory of the server, in MB (from /proc).
    /// Resident memory (the same figure as `VmRSS`), from `/proc/<pid>/statm` read with plain
    /// system calls: it is sampled every 2 ms while exports run on the same two cores, and parsing
    /// the whole `status` file through Foundation cost a few percent of a core.
    func rssMB() -> Double {
        let fd = open("/proc/\(process.processIdentifier)/statm", O_RDONLY)
        guard fd >= 0 else { return .nan }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return .nan }
        // "size resident shared ...", in pages.
        let fields = buffer[0..<n].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = Double(String(decoding: fields[1], as: UTF8.self)) else { return .nan }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / (1024 * 1024)
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
