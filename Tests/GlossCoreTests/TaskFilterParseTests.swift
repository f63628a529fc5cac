import GlossCore
import Testing

@Suite("TaskFilter.parse: keys and operators")
struct TaskFilterParseTests {
    /// A valid scalar operand for a field of this kind.
    static func sample(_ kind: TaskField.Kind) -> JSONValue {
        switch kind {
        case .string, .stringList: return .string("abc")
        case .number: return .int(5)
        case .date: return .string("2025-01-15T10:30:00.000Z")
        case .bool: return .bool(true)
        }
    }

    /// The operators each kind of field accepts.
    static func applies(_ op: FilterOperator, to kind: TaskField.Kind) -> Bool {
        switch kind {
        case .string, .stringList: return [.eq, .ne, .in, .nin, .regex, .exists].contains(op)
        case .number: return [.eq, .ne, .gt, .gte, .lt, .lte, .in, .nin, .exists].contains(op)
        case .date: return [.eq, .ne, .gt, .gte, .lt, .lte, .exists].contains(op)
        case .bool: return [.eq, .ne, .exists].contains(op)
        }
    }

    /// An operand of the right JSON shape for `op` on a field of `kind`.
    static func operand(_ op: FilterOperator, _ kind: TaskField.Kind) -> JSONValue {
        switch op {
        case .exists: return .bool(true)
        case .in, .nin: return .array([sample(kind), sample(kind)])
        case .regex: return .string("^a")
        default: return sample(kind)
        }
    }

    @Test("every TaskField key is accepted with a bare value as $eq", arguments: TaskField.allCases)
    func bareValueIsEq(field: TaskField) throws {
        let filter = try TaskFilter.parse(.object([field.rawValue: Self.sample(field.kind)]))
        #expect(filter.conditions.count == 1)
        #expect(filter.conditions.first?.field == field)
        #expect(filter.conditions.first?.op == .eq)
    }

    @Test("each operator parses exactly where it applies to the field's kind", arguments: TaskField.allCases, FilterOperator.allCases)
    func operatorApplicability(field: TaskField, op: FilterOperator) throws {
        let value: JSONValue = .object([field.rawValue: .object([op.rawValue: Self.operand(op, field.kind)])])
        if Self.applies(op, to: field.kind) {
            let filter = try TaskFilter.parse(value)
            #expect(filter.conditions.count == 1)
            #expect(filter.conditions.first?.op == op)
            #expect(filter.conditions.first?.field == field)
        } else {
            expectInvalid(op.rawValue, field.rawValue) { _ = try TaskFilter.parse(value) }
        }
    }

    @Test("the field list is the spec's TaskFilter keys")
    func fieldList() {
        #expect(Set(TaskField.allCases.map(\.rawValue)) == [
            "_id", "stage", "batches", "status", "reviewStatus", "type", "assignee", "externalId", "createdBy", "updatedBy",
            "createdAt", "updatedAt", "priority", "openIssuesCount", "duration", "totalDuration", "isDraft", "isSkipped",
            "isBenchmark", "consensusScore", "asset",
        ])
    }

    @Test("a bare list means $in, for strings and numbers")
    func bareListIsIn() throws {
        let filter = try TaskFilter.parse(json(#"{"stage":["Label","Review"],"priority":[1,2.5]}"#))
        #expect(filter.conditions == [
            FilterCondition(.priority, .in, .numbers([1, 2.5])),
            FilterCondition(.stage, .in, .strings(["Label", "Review"])),
        ])
    }

    @Test("operands are typed: numbers, booleans, dates as epoch ms, string lists")
    func typedOperands() throws {
        let filter = try TaskFilter.parse(json(#"""
            {"priority":{"$gte":-3,"$lt":10},"isDraft":false,"createdAt":{"$gt":"2025-01-15T10:30:00.000Z"},
             "batches":{"$nin":["b1"]},"assignee":{"$exists":false},"externalId":{"$regex":"^img_[0-9]+$"}}
            """#))
        #expect(filter.conditions == [
            FilterCondition(.assignee, .exists, .bool(false)),
            FilterCondition(.batches, .nin, .strings(["b1"])),
            FilterCondition(.createdAt, .gt, .date(1_736_937_000_000)),
            FilterCondition(.externalId, .regex, .string("^img_[0-9]+$")),
            FilterCondition(.isDraft, .eq, .bool(false)),
            FilterCondition(.priority, .gte, .number(-3)),
            FilterCondition(.priority, .lt, .number(10)),
        ])
    }

    @Test("the SDK's date formats parse: 3 fraction digits with Z, 6 digits without a zone, a +00:00 offset",
          arguments: ["2025-01-15T10:30:00.123Z", "2025-01-15T10:30:00.123456", "2025-01-15T10:30:00.123000+00:00"])
    func sdkDateFormats(text: String) throws {
        let filter = try TaskFilter.parse(.object(["updatedAt": .object(["$lte": .string(text)])]))
        #expect(filter.conditions == [FilterCondition(.updatedAt, .lte, .date(1_736_937_000_123))])
    }

    @Test("an empty filter object gives no conditions")
    func emptyFilter() throws {
        #expect(try TaskFilter.parse(.object([:])).conditions.isEmpty)
    }
}
