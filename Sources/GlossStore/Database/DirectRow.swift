import GlossCore
import SQLKit

/// One row read through the SQLite C API; usable both as a `RowReader` and as an SQLKit `SQLRow`.
struct DirectRow: RowReader, Sendable {
    final class Columns: @unchecked Sendable {
        let names: [String: Int]
        init(names: [String: Int]) { self.names = names }
    }
    let columns: Columns
    let values: [SQLValue]

    struct Missing: Error { let column: String }

    func value(_ c: String) throws -> SQLValue {
        guard let i = columns.names[c] else { throw Missing(column: c) }
        return values[i]
    }
    func string(_ c: String) throws -> String { guard case .text(let s) = try value(c) else { throw Missing(column: c) }; return s }
    func optionalString(_ c: String) throws -> String? { if case .text(let s) = try value(c) { return s }; return nil }
    func int64(_ c: String) throws -> Int64 { guard case .int(let i) = try value(c) else { throw Missing(column: c) }; return i }
    func optionalInt64(_ c: String) throws -> Int64? { if case .int(let i) = try value(c) { return i }; return nil }
    func bool(_ c: String) throws -> Bool { guard case .int(let i) = try value(c) else { throw Missing(column: c) }; return i != 0 }
    func optionalDouble(_ c: String) throws -> Double? {
        switch try value(c) {
        case .double(let d): return d
        case .int(let i): return Double(i)
        default: return nil
        }
    }
}

extension DirectRow: SQLRow {
    var allColumns: [String] { columns.names.sorted { $0.value < $1.value }.map(\.key) }
    func contains(column: String) -> Bool { columns.names[column] != nil }
    func decodeNil(column: String) throws -> Bool {
        if case .null = try value(column) { return true }
        return false
    }
    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let plain = D.self as? any DirectDecodable.Type else { throw Missing(column: "\(column) as \(D.self)") }
        guard let decoded = try plain.decodeDirect(try value(column)) as? D else { throw Missing(column: column) }
        return decoded
    }
}

/// The Swift types Gloss reads from SQLite columns.
protocol DirectDecodable { static func decodeDirect(_ value: SQLValue) throws -> Any }

struct DirectTypeMismatch: Error { let value: SQLValue }

extension String: DirectDecodable {
    static func decodeDirect(_ value: SQLValue) throws -> Any {
        switch value {
        case .text(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        default: throw DirectTypeMismatch(value: value)
        }
    }
}
extension Int64: DirectDecodable {
    static func decodeDirect(_ value: SQLValue) throws -> Any {
        switch value {
        case .int(let i): return i
        case .double(let d): return Int64(d)
        case .bool(let b): return Int64(b ? 1 : 0)
        default: throw DirectTypeMismatch(value: value)
        }
    }
}
extension Int: DirectDecodable {
    static func decodeDirect(_ value: SQLValue) throws -> Any { Int(try Int64.decodeDirect(value) as! Int64) }
}
extension Double: DirectDecodable {
    static func decodeDirect(_ value: SQLValue) throws -> Any {
        switch value {
        case .double(let d): return d
        case .int(let i): return Double(i)
        default: throw DirectTypeMismatch(value: value)
        }
    }
}
extension Bool: DirectDecodable {
    static func decodeDirect(_ value: SQLValue) throws -> Any {
        switch value {
        case .int(let i): return i != 0
        case .bool(let b): return b
        default: throw DirectTypeMismatch(value: value)
        }
    }
}
extension Optional: DirectDecodable where Wrapped: DirectDecodable {
    static func decodeDirect(_ value: SQLValue) throws -> Any {
        if case .null = value { return Wrapped?.none as Any }
        return (try Wrapped.decodeDirect(value) as? Wrapped) as Any
    }
}
