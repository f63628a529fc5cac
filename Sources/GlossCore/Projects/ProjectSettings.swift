/// Project settings other than name, schema, workflow, members and batches: the keys Ango Hub's
/// Project object carries (idleTimeout, taskSkipEnabled, benchmark fields, ...). Known keys are
/// type-checked; unknown keys are kept verbatim so clients can round-trip their own fields.
public struct ProjectSettings: Sendable, Hashable {
    /// The stored values, defaults included.
    public private(set) var values: [String: JSONValue]

    /// Expected JSON type of each known key.
    enum Kind { case bool, number, string, object, objectArray, stringOrNull }

    static let known: [String: Kind] = [
        "idleTimeout": .number, "taskSkipEnabled": .bool, "unassignSkippedTask": .bool,
        "benchmarkEnabled": .bool, "benchmarkRatio": .number, "benchmarkCutoff": .bool,
        "instructions": .stringOrNull, "ocrLanguage": .stringOrNull, "projectPlugins": .object,
        "pluginPresets": .objectArray, "errorCodesEnabled": .bool, "errorSchema": .object,
        "exportStorageId": .stringOrNull, "exportStorageBucket": .stringOrNull, "exportStoragePath": .stringOrNull,
        "exportStorageEnabled": .bool, "gcSyncEnabled": .bool, "customValidationEnabled": .bool,
        "validationFunction": .stringOrNull, "externalValidation": .object, "queueVersion": .number,
    ]

    /// Defaults a new project gets (Ango Hub's documented defaults: idle timeout 300 s, skipping on).
    public static let defaults: [String: JSONValue] = [
        "idleTimeout": .int(300), "taskSkipEnabled": .bool(true), "unassignSkippedTask": .bool(false),
        "benchmarkEnabled": .bool(false), "benchmarkRatio": .int(10), "benchmarkCutoff": .bool(false),
        "errorCodesEnabled": .bool(false), "exportStorageEnabled": .bool(false), "gcSyncEnabled": .bool(false),
        "customValidationEnabled": .bool(false), "queueVersion": .int(2), "projectPlugins": .object([:]),
        "pluginPresets": .array([]), "ocrLanguage": .string("eng"),
    ]

    /// Keys of the Project object that are not settings (handled by their own fields) or are
    /// computed by the server; an update carrying them does not store them as settings.
    public static let reservedKeys: Set<String> = [
        "_id", "name", "description", "type", "owner", "organization", "categorySchema", "stages", "assignedTo",
        "batches", "deleted", "createdAt", "updatedAt", "assetCount", "assetBuilderTemplates", "role", "user", "__v",
    ]

    /// Settings with the defaults.
    public init() { values = Self.defaults }

    /// Settings from stored values (already validated).
    public init(stored: [String: JSONValue]) { values = stored }

    /// Applies the setting keys present in `update`, after checking every known key's type.
    /// Nothing changes when any key is wrong.
    public mutating func apply(_ update: [String: JSONValue]) throws {
        var next = values
        for (key, value) in update where !Self.reservedKeys.contains(key) {
            if let kind = Self.known[key] { try Self.check(key, value, kind) }
            next[key] = value
        }
        if let timeout = next["idleTimeout"]?.doubleValue, timeout < 0 {
            throw DomainError.invalid("idleTimeout must be zero or more seconds")
        }
        if let ratio = next["benchmarkRatio"]?.doubleValue, !(0...100).contains(ratio) {
            throw DomainError.invalid("benchmarkRatio must be a percentage from 0 to 100")
        }
        values = next
    }

    private static func check(_ key: String, _ value: JSONValue, _ kind: Kind) throws {
        let ok: Bool
        switch kind {
        case .bool: ok = value.boolValue != nil
        case .number: ok = value.doubleValue != nil
        case .string: ok = value.stringValue != nil
        case .stringOrNull: ok = value.stringValue != nil || value.isNull
        case .object: ok = value.objectValue != nil || value.isNull
        case .objectArray: ok = value.arrayValue != nil
        }
        guard ok else { throw DomainError.invalid("\(key) must be a \(describe(kind)), got \(value.typeName)") }
    }

    private static func describe(_ kind: Kind) -> String {
        switch kind {
        case .bool: return "boolean"
        case .number: return "number"
        case .string, .stringOrNull: return "string"
        case .object: return "object"
        case .objectArray: return "array"
        }
    }

    /// A boolean setting, or `fallback`.
    public func bool(_ key: String, default fallback: Bool = false) -> Bool { values[key]?.boolValue ?? fallback }
    /// A numeric setting, or `fallback`.
    public func number(_ key: String, default fallback: Double = 0) -> Double { values[key]?.doubleValue ?? fallback }
}
