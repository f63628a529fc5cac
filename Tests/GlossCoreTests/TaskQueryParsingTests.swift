import GlossCore
import Testing

@Suite("SortKey.parseList")
struct SortKeyTests {
    @Test("several fields, '-' for descending, '+' and spaces tolerated")
    func multiField() throws {
        #expect(try SortKey.parseList("-priority,externalId") == [SortKey(.priority, descending: true), SortKey(.externalId, descending: false)])
        #expect(try SortKey.parseList(" +createdAt , -_id ,") == [SortKey(.createdAt, descending: false), SortKey(.id, descending: true)])
        #expect(try SortKey.parseList("").isEmpty)
    }

    @Test("every scalar field sorts", arguments: TaskField.allCases.filter { $0 != .batches })
    func scalarFieldsSort(field: TaskField) throws {
        #expect(try SortKey.parseList("-\(field.rawValue)") == [SortKey(field, descending: true)])
    }

    @Test("unknown fields and batches are refused", arguments: ["colour", "-colour", "batches", "-batches", "priority,batches", "Priority"])
    func refused(text: String) {
        expectInvalid("cannot sort by") { _ = try SortKey.parseList(text) }
    }
}

@Suite("PageRequest")
struct PageRequestTests {
    @Test("page must be 1 or more", arguments: [0, -1])
    func pageTooSmall(page: Int) {
        expectInvalid("page must be 1 or more") { _ = try PageRequest(page: page, limit: 10) }
    }

    @Test("limit must be 1 to 1000", arguments: [0, -5, 1001, 100_000])
    func limitOutOfRange(limit: Int) {
        expectInvalid("limit must be from 1 to 1000") { _ = try PageRequest(page: 1, limit: limit) }
    }

    @Test("limits 1 and 1000 are fine; offset is (page - 1) * limit")
    func accepted() throws {
        #expect(try PageRequest(page: 1, limit: 1000).offset == 0)
        #expect(try PageRequest(page: 1, limit: 1).limit == 1)
        #expect(try PageRequest(page: 3, limit: 50).offset == 100)
        #expect(PageRequest.maxLimit == 1000)
    }
}

@Suite("TaskSelector.parse")
struct TaskSelectorTests {
    @Test("absent, null and empty selectors select everything")
    func emptySelectors() throws {
        #expect(try TaskSelector.parse(nil).isEmpty)
        #expect(try TaskSelector.parse(.null).isEmpty)
        #expect(try TaskSelector.parse(json("{}")).isEmpty)
        #expect(try TaskSelector.parse(json(#"{"taskIds":null}"#)).isEmpty)
    }

    @Test("every key fills its list; stageIds is an alias of fromStageIds")
    func allKeys() throws {
        let s = try TaskSelector.parse(json(#"{"taskIds":["t"],"externalIds":["e1","e2"],"assetIds":["a"],"batches":["b"],"stageIds":["Label"]}"#))
        #expect(s.taskIDs == ["t"]); #expect(s.externalIDs == ["e1", "e2"]); #expect(s.assetIDs == ["a"])
        #expect(s.batches == ["b"]); #expect(s.fromStageIDs == ["Label"]); #expect(!s.isEmpty)
        #expect(try TaskSelector.parse(json(#"{"fromStageIds":["Start"]}"#)).fromStageIDs == ["Start"])
    }

    @Test("wrong shapes and unknown keys are refused")
    func refused() {
        expectInvalid("filters must be an object") { _ = try TaskSelector.parse(json(#"["t"]"#)) }
        expectInvalid("filters.taskIds must be an array of strings") { _ = try TaskSelector.parse(json(#"{"taskIds":"t"}"#)) }
        expectInvalid("filters.batches must be an array of strings") { _ = try TaskSelector.parse(json(#"{"batches":[1]}"#)) }
        expectInvalid("unknown filters key: stage") { _ = try TaskSelector.parse(json(#"{"stage":["Label"]}"#)) }
    }
}
