import GlossCore
import Testing

@Suite("AnswerInput.normalize")
struct AnswerNormalizeTests {
    @Test("objects, as the Python SDK sends them, are stored under tools")
    func objectsBecomeTools() throws {
        let stored = try AnswerInput.normalize(json(#"{"objects": [{"objectId": "o1", "schemaId": "box"}]}"#), ids: SequentialIDGenerator())
        #expect(stored["objects"] == nil)
        #expect(stored["tools"] == json(#"[{"objectId": "o1", "schemaId": "box"}]"#))
        #expect(stored["classifications"] == .array([]))
        #expect(stored["relations"] == .array([]))
    }

    @Test("sending both objects and tools is refused; a null one does not count")
    func bothObjectsAndTools() throws {
        expectInvalid("both objects and tools") {
            _ = try AnswerInput.normalize(json(#"{"objects": [], "tools": []}"#), ids: SequentialIDGenerator())
        }
        let stored = try AnswerInput.normalize(json(#"{"objects": null, "tools": [{"objectId": "t"}]}"#), ids: SequentialIDGenerator())
        #expect(stored["tools"] == json(#"[{"objectId": "t"}]"#))
    }

    @Test("missing and null lists become empty arrays; other keys are kept verbatim")
    func missingAndNullLists() throws {
        let stored = try AnswerInput.normalize(json(#"{"classifications": null, "brushDataUrl": "http://x/b.png", "extra": {"a": [1]}}"#),
                                               ids: SequentialIDGenerator())
        #expect(stored == json(#"{"tools": [], "classifications": [], "relations": [], "brushDataUrl": "http://x/b.png", "extra": {"a": [1]}}"#))
    }

    @Test("tool objects without an objectId get one from the generator, in order; given ones are kept")
    func assignsObjectIDs() throws {
        let ids = SequentialIDGenerator()
        let stored = try AnswerInput.normalize(json(#"{"tools": [{"schemaId": "a"}, {"objectId": "mine"}, {"objectId": null}, {"objectId": ""}]}"#), ids: ids)
        let assigned = stored["tools"]?.arrayValue?.map { $0["objectId"]?.stringValue }
        #expect(assigned == ["000000000000000000000001", "mine", "000000000000000000000002", "000000000000000000000003"])
        #expect(stored["tools"]?.arrayValue?.first?["schemaId"] == "a")
    }

    @Test("classifications and relations get no objectIds: only tool objects do")
    func onlyToolsGetIDs() throws {
        let stored = try AnswerInput.normalize(json(#"{"classifications": [{"schemaId": "c"}], "relations": [{"schemaId": "r"}]}"#),
                                               ids: SequentialIDGenerator())
        #expect(stored["classifications"] == json(#"[{"schemaId": "c"}]"#))
        #expect(stored["relations"] == json(#"[{"schemaId": "r"}]"#))
    }

    @Test("malformed shapes are refused with the path the client used")
    func malformedShapes() {
        let ids = SequentialIDGenerator()
        expectInvalid("answer must be an object") { _ = try AnswerInput.normalize(json("[]"), ids: ids) }
        expectInvalid("answer.tools[2] must be an object") { _ = try AnswerInput.normalize(json(#"{"tools": [{}, {}, 3]}"#), ids: ids) }
        expectInvalid("answer.objects[1] must be an object") { _ = try AnswerInput.normalize(json(#"{"objects": [{}, "x"]}"#), ids: ids) }
        expectInvalid("answer.classifications must be an array") {
            _ = try AnswerInput.normalize(json(#"{"classifications": {"schemaId": "c"}}"#), ids: ids)
        }
        expectInvalid("answer.relations[0] must be an object") { _ = try AnswerInput.normalize(json(#"{"relations": [null]}"#), ids: ids) }
        expectInvalid("answer.tools[0].objectId must be a string, not a number") {
            _ = try AnswerInput.normalize(json(#"{"tools": [{"objectId": 7}]}"#), ids: ids)
        }
    }
}
