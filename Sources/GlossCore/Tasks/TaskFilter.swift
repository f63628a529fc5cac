/// A task field that filters and sorts may name. Anything else is refused, so no client text ever
/// reaches SQL as an identifier.
public enum TaskField: String, Sendable, CaseIterable {
    case id = "_id", stage, batches, status, reviewStatus, type, assignee, externalId, createdBy, updatedBy
    case createdAt, updatedAt, priority, openIssuesCount, duration, totalDuration, isDraft, isSkipped, isBenchmark
    case consensusScore, asset

    /// The kind of value the field holds.
    public var kind: Kind {
        switch self {
        case .id, .stage, .status, .reviewStatus, .type, .assignee, .externalId, .createdBy, .updatedBy, .asset: return .string
        case .batches: return .stringList
        case .createdAt, .updatedAt: return .date
        case .priority, .openIssuesCount, .duration, .totalDuration, .consensusScore: return .number
        case .isDraft, .isSkipped, .isBenchmark: return .bool
        }
    }

    /// Value kinds.
    public enum Kind: Sendable { case string, stringList, date, number, bool }
}

/// A comparison operator of the Mongo-like filter language.
public enum FilterOperator: String, Sendable, CaseIterable {
    case eq = "$eq", ne = "$ne", gt = "$gt", gte = "$gte", lt = "$lt", lte = "$lte"
    case `in` = "$in", nin = "$nin", regex = "$regex", exists = "$exists"
}

/// A typed filter operand.
public enum FilterValue: Sendable, Hashable {
    case string(String), number(Double), bool(Bool), date(Int64), strings([String]), numbers([Double])
}

/// One condition `field op value`. A filter is a conjunction of conditions.
public struct FilterCondition: Sendable, Hashable {
    /// The field tested.
    public var field: TaskField
    /// The operator.
    public var op: FilterOperator
    /// The operand.
    public var value: FilterValue
    /// Creates a condition.
    public init(_ field: TaskField, _ op: FilterOperator, _ value: FilterValue) { self.field = field; self.op = op; self.value = value }
}

/// The parsed `filter` of `GET /project/{id}/tasks`: every condition must hold.
public struct TaskFilter: Sendable, Hashable {
    /// The conditions, ANDed.
    public var conditions: [FilterCondition]
    /// Creates a filter from conditions.
    public init(_ conditions: [FilterCondition] = []) { self.conditions = conditions }

    /// Parses the SDK's TaskFilter JSON. Keys and operators are whitelisted per field type; a
    /// bare value means `$eq` (a bare list means `$in`). Errors name the key or operator.
    public static func parse(_ value: JSONValue) throws -> TaskFilter {
        guard let object = value.objectValue else { throw DomainError.invalid("filter must be a JSON object") }
        var conditions: [FilterCondition] = []
        for key in object.keys.sorted() {
            guard let field = TaskField(rawValue: key) else { throw DomainError.invalid("unknown filter key: \(key)") }
            let spec = object[key]!
            if let ops = spec.objectValue {
                guard !ops.isEmpty else { throw DomainError.invalid("filter.\(key) has no operator") }
                for opName in ops.keys.sorted() {
                    guard let op = FilterOperator(rawValue: opName) else {
                        throw DomainError.invalid("unknown filter operator \(opName) on \(key)")
                    }
                    conditions.append(try condition(field, op, ops[opName]!))
                }
            } else if spec.arrayValue != nil {
                conditions.append(try condition(field, .in, spec))
            } else {
                conditions.append(try condition(field, .eq, spec))
            }
        }
        return TaskFilter(conditions)
    }

    static func condition(_ field: TaskField, _ op: FilterOperator, _ raw: JSONValue) throws -> FilterCondition {
        let key = field.rawValue
        func fail(_ what: String) -> DomainError { .invalid("filter.\(key).\(op.rawValue) \(what)") }
        if op == .exists {
            guard let b = raw.boolValue else { throw fail("must be a boolean") }
            return FilterCondition(field, op, .bool(b))
        }
        switch field.kind {
        case .string, .stringList:
            switch op {
            case .eq, .ne:
                guard let s = raw.stringValue else { throw fail("must be a string") }
                return FilterCondition(field, op, .string(s))
            case .in, .nin:
                guard let list = raw.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else { throw fail("must be an array of strings") }
                return FilterCondition(field, op, .strings(list.compactMap(\.stringValue)))
            case .regex:
                guard let s = raw.stringValue else { throw fail("must be a string pattern") }
                guard (try? Regex(s)) != nil else { throw fail("is not a valid regular expression") }
                return FilterCondition(field, op, .string(s))
            default: throw DomainError.invalid("operator \(op.rawValue) does not apply to \(key)")
            }
        case .number:
            switch op {
            case .eq, .ne, .gt, .gte, .lt, .lte:
                guard let n = raw.doubleValue else { throw fail("must be a number") }
                return FilterCondition(field, op, .number(n))
            case .in, .nin:
                guard let list = raw.arrayValue, list.allSatisfy({ $0.doubleValue != nil }) else { throw fail("must be an array of numbers") }
                return FilterCondition(field, op, .numbers(list.compactMap(\.doubleValue)))
            default: throw DomainError.invalid("operator \(op.rawValue) does not apply to \(key)")
            }
        case .date:
            switch op {
            case .eq, .ne, .gt, .gte, .lt, .lte:
                guard let s = raw.stringValue, let ms = ISODate.parseMillis(s) else { throw fail("must be an ISO-8601 date") }
                return FilterCondition(field, op, .date(ms))
            default: throw DomainError.invalid("operator \(op.rawValue) does not apply to \(key)")
            }
        case .bool:
            switch op {
            case .eq, .ne:
                guard let b = raw.boolValue else { throw fail("must be a boolean") }
                return FilterCondition(field, op, .bool(b))
            default: throw DomainError.invalid("operator \(op.rawValue) does not apply to \(key)")
            }
        }
    }
}
