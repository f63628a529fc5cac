import GlossCore
import Testing

@Suite("AssetInput.parse")
struct AssetInputTests {
    @Test("data is required, non-empty, a string; the item is named by index")
    func dataRequired() {
        expectInvalid("assets[3].data is required") { _ = try AssetInput.parse(json(#"{"externalId":"x"}"#), index: 3) }
        expectInvalid("assets[0].data is required") { _ = try AssetInput.parse(json(#"{"data":""}"#), index: 0) }
        expectInvalid("assets[1].data is required") { _ = try AssetInput.parse(json(#"{"data":42}"#), index: 1) }
        expectInvalid("assets[2] must be an object") { _ = try AssetInput.parse(json(#""https://x/a.png""#), index: 2) }
    }

    @Test("externalId defaults to the URL's file name, without query, percent-decoded")
    func externalIdDefault() throws {
        #expect(try AssetInput.parse(json(#"{"data":"https://cdn.example/a/b/img_01.png?X-Sig=abc&e=1"}"#), index: 0).externalID == "img_01.png")
        #expect(try AssetInput.parse(json(#"{"data":"https://cdn.example/photo%20one.jpg"}"#), index: 0).externalID == "photo one.jpg")
        #expect(AssetInput.fileName(of: "plain text") == "plain text")
        #expect(AssetInput(data: "https://x/y/z.txt?q=1").externalID == "z.txt")
    }

    @Test("an explicit externalId wins; a number is taken as its text")
    func explicitExternalId() throws {
        #expect(try AssetInput.parse(json(#"{"data":"https://x/a.png","externalId":"mine"}"#), index: 0).externalID == "mine")
        #expect(try AssetInput.parse(json(#"{"data":"https://x/a.png","externalId":42}"#), index: 0).externalID == "42")
        expectInvalid("assets[0].externalId must be a string") {
            _ = try AssetInput.parse(json(#"{"data":"https://x/a.png","externalId":["a"]}"#), index: 0)
        }
    }

    @Test("priority must be an integer from -1000 to 1000", arguments: [-1000, 0, 1000])
    func priorityInRange(priority: Int) throws {
        let item: JSONValue = ["data": "d", "priority": .int(Int64(priority))]
        #expect(try AssetInput.parse(item, index: 0).priority == priority)
    }

    @Test("priority out of range or not an integer is refused", arguments: [JSONValue.int(1001), .int(-1001), .double(1.5), .string("5")])
    func priorityRefused(value: JSONValue) {
        expectInvalid("assets[4].priority must be an integer from -1000 to 1000") {
            _ = try AssetInput.parse(["data": "d", "priority": value], index: 4)
        }
    }

    @Test("batches must be an array of strings")
    func batches() throws {
        #expect(try AssetInput.parse(json(#"{"data":"d","batches":["b1","Batch 2"]}"#), index: 0).batches == ["b1", "Batch 2"])
        expectInvalid("assets[0].batches must be an array") { _ = try AssetInput.parse(json(#"{"data":"d","batches":["b1",2]}"#), index: 0) }
        expectInvalid("assets[0].batches must be an array") { _ = try AssetInput.parse(json(#"{"data":"d","batches":"b1"}"#), index: 0) }
    }

    @Test("metadata and contextData must be objects and are kept")
    func objects() throws {
        let input = try AssetInput.parse(json(#"{"data":"d","metadata":{"width":640,"tags":["a"]},"contextData":{"k":"v"}}"#), index: 0)
        #expect(input.metadata == json(#"{"width":640,"tags":["a"]}"#))
        #expect(input.contextData == ["k": "v"])
        expectInvalid("assets[0].metadata must be an object") { _ = try AssetInput.parse(json(#"{"data":"d","metadata":[1]}"#), index: 0) }
        expectInvalid("assets[0].metadata must be an object") { _ = try AssetInput.parse(json(#"{"data":"d","metadata":"w"}"#), index: 0) }
        expectInvalid("assets[0].contextData must be an object") { _ = try AssetInput.parse(json(#"{"data":"d","contextData":5}"#), index: 0) }
    }

    @Test("storage, attachments and pre-label parts are checked and kept")
    func otherFields() throws {
        let input = try AssetInput.parse(json(#"{"data":"d","storage":"s1","attachments":[{"type":"IMAGE"}],"objects":[{"a":1}]}"#), index: 0)
        #expect(input.storage == "s1")
        #expect(input.attachments == json(#"[{"type":"IMAGE"}]"#))
        #expect(input.preLabels == json(#"{"tools":[{"a":1}]}"#))
        expectInvalid("assets[0].storage must be a storage id string") { _ = try AssetInput.parse(json(#"{"data":"d","storage":1}"#), index: 0) }
        expectInvalid("assets[0].attachments must be an array") { _ = try AssetInput.parse(json(#"{"data":"d","attachments":{}}"#), index: 0) }
    }
}
