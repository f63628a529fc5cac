import Foundation
import GlossCore
import Hummingbird
import NIOCore

/// Query parameters, percent-decoded in names and values. A `+` stays a `+`: the SDK sends raw
/// `json.dumps` text in some parameters, where `+` is data, never an encoded space.
struct QueryParameters {
    private var values: [String: String] = [:]

    init(_ query: String?) {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decoded(parts[0])
            let value = parts.count > 1 ? Self.decoded(parts[1]) : ""
            values[name] = value
        }
    }

    /// Form-decodes (`+` is a space, as Python's `urlencode` and browsers write it, then
    /// percent escapes) only when there is something to decode: Foundation's decoder is slow, and
    /// most parameters are plain (`nextStage=true`, `page=2`).
    static func decoded(_ part: Substring) -> String {
        guard part.utf8.contains(where: { byte in byte == UInt8(ascii: "%") || byte == UInt8(ascii: "+") }) else { return String(part) }
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    subscript(_ name: String) -> String? { values[name] }

    /// Every parameter, decoded.
    var all: [String: String] { values }

    /// An integer parameter with a default; a present non-integer is a 400.
    func int(_ name: String, default fallback: Int) throws -> Int {
        guard let text = values[name], !text.isEmpty else { return fallback }
        guard let value = Int(text) else { throw DomainError.invalid("\(name) must be an integer, got \(text)") }
        return value
    }

    /// A boolean parameter (`true`/`True`/`1`, `false`/`False`/`0`); anything else is a 400.
    func bool(_ name: String, default fallback: Bool) throws -> Bool {
        guard let text = values[name], !text.isEmpty else { return fallback }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw DomainError.invalid("\(name) must be true or false, got \(text)")
        }
    }

    /// A JSON parameter, parsed; absent or empty gives nil.
    func json(_ name: String) throws -> JSONValue? {
        guard let text = values[name], !text.isEmpty else { return nil }
        return try JSONValue.parse(text, field: name)
    }

    /// `page` and `limit` (default 1 and 10) checked.
    func page(defaultLimit: Int = 10) throws -> PageRequest {
        try PageRequest(page: int("page", default: 1), limit: int("limit", default: defaultLimit))
    }
}

extension Request {
    /// The query parameters.
    var query: QueryParameters { QueryParameters(uri.query) }

    /// The JSON body. An empty body counts as `{}` (the SDK sends DELETEs without one); anything
    /// else must parse, or the request is a 400 naming the byte where it broke.
    func jsonBody(limit: Int) async throws -> JSONValue {
        let body = self.body
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch {
            throw DomainError.tooLarge("request body is larger than \(limit) bytes")
        }
        guard buffer.readableBytes > 0 else { return .object([:]) }
        return try JSONParser.parse(Array(buffer.readableBytesView))
    }
}

extension GlossRequestContext {
    /// A required path parameter.
    func pathParameter(_ name: String) throws -> String {
        guard let value = parameters.get(name), !value.isEmpty else { throw DomainError.invalid("\(name) is required") }
        return value
    }
}
