import GlossCore
import Testing

@Suite("TaskFilter.parse: refused input")
struct TaskFilterErrorTests {
    @Test("a filter that is not an object is refused")
    func notAnObject() {
        expectInvalid("filter must be a JSON object") { _ = try TaskFilter.parse(json(#"["stage"]"#)) }
        expectInvalid("filter must be a JSON object") { _ = try TaskFilter.parse(.string("stage")) }
    }

    @Test("an unknown key is refused and named")
    func unknownKey() {
        expectInvalid("unknown filter key: colour") { _ = try TaskFilter.parse(json(#"{"colour":"red"}"#)) }
        expectInvalid("unknown filter key: Stage") { _ = try TaskFilter.parse(json(#"{"Stage":"Label"}"#)) }
    }

    @Test("an unknown operator is refused and named")
    func unknownOperator() {
        expectInvalid("unknown filter operator $like on externalId") {
            _ = try TaskFilter.parse(json(#"{"externalId":{"$like":"a%"}}"#))
        }
        expectInvalid("$where") { _ = try TaskFilter.parse(json(#"{"stage":{"$eq":"Label","$where":"1"}}"#)) }
    }

    @Test("an operator object without operators is refused")
    func emptyOperatorObject() {
        expectInvalid("filter.stage has no operator") { _ = try TaskFilter.parse(json(#"{"stage":{}}"#)) }
    }

    @Test("wrong operand types are refused", arguments: [
        (#"{"priority":{"$gt":"5"}}"#, "filter.priority.$gt must be a number"),
        (#"{"priority":"5"}"#, "filter.priority.$eq must be a number"),
        (#"{"priority":[1,"2"]}"#, "filter.priority.$in must be an array of numbers"),
        (#"{"stage":{"$in":"Label"}}"#, "filter.stage.$in must be an array of strings"),
        (#"{"stage":["Label",3]}"#, "filter.stage.$in must be an array of strings"),
        (#"{"stage":5}"#, "filter.stage.$eq must be a string"),
        (#"{"isDraft":"true"}"#, "filter.isDraft.$eq must be a boolean"),
        (#"{"assignee":{"$exists":1}}"#, "filter.assignee.$exists must be a boolean"),
        (#"{"externalId":{"$regex":7}}"#, "filter.externalId.$regex must be a string pattern"),
        (#"{"createdAt":{"$gt":1736937000000}}"#, "filter.createdAt.$gt must be an ISO-8601 date"),
    ])
    func wrongOperandType(filter: String, message: String) {
        expectInvalid(message) { _ = try TaskFilter.parse(json(filter)) }
    }

    @Test("operators that do not apply to the field's type are refused", arguments: [
        (#"{"externalId":{"$gt":"a"}}"#, "operator $gt does not apply to externalId"),
        (#"{"stage":{"$lte":"b"}}"#, "operator $lte does not apply to stage"),
        (#"{"priority":{"$regex":"1"}}"#, "operator $regex does not apply to priority"),
        (#"{"createdAt":{"$in":["2025-01-01"]}}"#, "operator $in does not apply to createdAt"),
        (#"{"isSkipped":{"$gt":true}}"#, "operator $gt does not apply to isSkipped"),
        (#"{"batches":{"$gte":"b"}}"#, "operator $gte does not apply to batches"),
    ])
    func operatorNotApplicable(filter: String, message: String) {
        expectInvalid(message) { _ = try TaskFilter.parse(json(filter)) }
    }

    @Test("an invalid regular expression is refused at parse time")
    func invalidRegex() {
        expectInvalid("filter.externalId.$regex is not a valid regular expression") {
            _ = try TaskFilter.parse(json(#"{"externalId":{"$regex":"(["}}"#))
        }
    }

    @Test("dates that are not ISO-8601 are refused", arguments: [
        "yesterday", "2025-13-01T00:00:00Z", "2025-01-32", "15/01/2025", "2025-01-15T10:30:00.Z", "2025-01-15T25:00:00Z",
        "2025-01-15T10:30:00+0200", "",
    ])
    func nonISODate(text: String) {
        expectInvalid("filter.createdAt.$gte must be an ISO-8601 date") {
            _ = try TaskFilter.parse(.object(["createdAt": .object(["$gte": .string(text)])]))
        }
    }
}
