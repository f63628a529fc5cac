import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// POSTs outbox bodies with a time limit and reduces the answer to what the stage log needs.
struct OutboxHTTP: Sendable {
    /// What one POST came to.
    enum Outcome: Sendable, Equatable {
        /// The receiver answered, with the start of its body (for the log when it is an error).
        case response(status: Int, snippet: String)
        /// No answer: refused, unreachable, timed out, bad URL.
        case failure(String)

        /// Whether the receiver accepted it (2xx).
        var isSuccess: Bool { if case .response(let status, _) = self { return (200..<300).contains(status) } else { return false } }
        /// The HTTP status, if any.
        var status: Int? { if case .response(let status, _) = self { return status } else { return nil } }
        /// The outcome in words for the stage log.
        var summary: String {
            switch self {
            case .response(let status, let snippet): return snippet.isEmpty ? "HTTP \(status)" : "HTTP \(status): \(snippet)"
            case .failure(let error): return "error: \(error)"
            }
        }
    }

    let client: HTTPClient
    let timeout: Double
    static let snippetLength = 200

    /// POSTs `body` as JSON to `url` with the extra `headers`.
    func post(_ url: String, headers: [(String, String)], body: [UInt8]) async -> Outcome {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Gloss")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            // Reading the body frees the connection; only its start is kept, for error lines.
            let answer = (try? await response.body.collect(upTo: 64 * 1024)).map { String(buffer: $0) } ?? ""
            let snippet = (200..<300).contains(Int(response.status.code)) ? "" : Self.shorten(answer)
            return .response(status: Int(response.status.code), snippet: snippet)
        } catch {
            return .failure(Self.shorten(Self.describe(error)))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError, error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            return "timed out"
        }
        return String(describing: error)
    }

    static func shorten(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > snippetLength ? String(line.prefix(snippetLength)) + "…" : line
    }
}
