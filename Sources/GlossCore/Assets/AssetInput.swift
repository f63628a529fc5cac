import Foundation

/// One item of a cloud import (`POST /project/{id}/cloud` `assets[]`), checked.
public struct AssetInput: Sendable, Hashable {
    /// URL or inline content (required, non-empty).
    public var data: String
    /// External id; defaults to the last path component of `data` when absent.
    public var externalID: String
    /// Metadata object.
    public var metadata: JSONValue
    /// Context data object.
    public var contextData: JSONValue
    /// Batch ids or names, resolved against the project by the import service.
    public var batches: [String]
    /// Per-item priority (-1000...1000).
    public var priority: Int?
    /// Storage integration id.
    public var storage: String?
    /// Attachments as sent.
    public var attachments: JSONValue
    /// Pre-label parts, kept for the import service (counted in the response).
    public var preLabels: JSONValue?

    /// Creates an input directly (CLI, tests).
    public init(data: String, externalID: String? = nil, metadata: JSONValue = .object([:]), contextData: JSONValue = .object([:]),
                batches: [String] = [], priority: Int? = nil, storage: String? = nil) {
        self.data = data; self.externalID = externalID ?? AssetInput.fileName(of: data); self.metadata = metadata
        self.contextData = contextData; self.batches = batches; self.priority = priority; self.storage = storage
        self.attachments = .array([]); self.preLabels = nil
    }

    /// Checks one JSON item; `index` names it in the error.
    public static func parse(_ value: JSONValue, index: Int) throws -> AssetInput {
        let at = "assets[\(index)]"
        guard let object = value.objectValue else { throw DomainError.invalid("\(at) must be an object") }
        guard let data = object["data"]?.stringValue, !data.isEmpty else {
            throw DomainError.invalid("\(at).data is required and must be a non-empty string")
        }
        var externalID: String? = nil
        if let ext = object["externalId"], !ext.isNull {
            guard let s = ext.stringValue ?? ext.intValue.map(String.init) else { throw DomainError.invalid("\(at).externalId must be a string") }
            externalID = s
        }
        // The file-name default is only worked out when no externalId came (it is a hot path of imports).
        var input = AssetInput(data: data, externalID: externalID)
        for key in ["metadata", "contextData"] {
            guard let v = object[key], !v.isNull else { continue }
            guard v.objectValue != nil else { throw DomainError.invalid("\(at).\(key) must be an object") }
            if key == "metadata" { input.metadata = v } else { input.contextData = v }
        }
        if let b = object["batches"], !b.isNull {
            guard let list = b.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                throw DomainError.invalid("\(at).batches must be an array of batch names or ids")
            }
            input.batches = list.compactMap(\.stringValue)
        }
        if let p = object["priority"], !p.isNull {
            guard let n = p.intValue, (-1000...1000).contains(n) else {
                throw DomainError.invalid("\(at).priority must be an integer from -1000 to 1000")
            }
            input.priority = n
        }
        if let s = object["storage"], !s.isNull {
            guard let id = s.stringValue else { throw DomainError.invalid("\(at).storage must be a storage id string") }
            input.storage = id
        }
        if let a = object["attachments"], !a.isNull {
            guard a.arrayValue != nil else { throw DomainError.invalid("\(at).attachments must be an array") }
            input.attachments = a
        }
        var pre: [String: JSONValue] = [:]
        for key in ["objects", "tools", "classifications", "relations"] {
            guard let v = object[key], !v.isNull else { continue }
            guard v.arrayValue != nil else { throw DomainError.invalid("\(at).\(key) must be an array") }
            pre[key == "objects" ? "tools" : key] = v
        }
        if !pre.isEmpty { input.preLabels = .object(pre) }
        return input
    }

    /// The file name at the end of a URL or path, without its query.
    public static func fileName(of data: String) -> String {
        let noQuery = data.firstIndex(of: "?").map { data[..<$0] } ?? data[...]
        let name = noQuery.split(separator: "/").last.map(String.init) ?? String(noQuery)
        return name.contains("%") ? name.removingPercentEncodingSafely : name
    }
}

extension String {
    /// Percent-decoded text, or the text itself when it is not valid percent-encoding.
    var removingPercentEncodingSafely: String { removingPercentEncoding ?? self }
}
