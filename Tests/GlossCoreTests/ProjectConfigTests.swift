import GlossCore
import Testing

@Suite("CategorySchema.validated")
struct CategorySchemaTests {
    @Test("unknown keys, nulls and nested values are kept verbatim")
    func unknownKeysKept() throws {
        let input = json(#"""
            {"tools":[{"tool":"bounding-box","title":"Car","schemaId":"abc","required":null,"x-custom":{"a":[1,2]}}],
             "classifications":[],"relations":[],"rootKey":"kept","flags":[true,null]}
            """#)
        #expect(try CategorySchema.validated(input) == input)
    }

    @Test("missing or null lists are added empty")
    func missingListsAdded() throws {
        let out = try CategorySchema.validated(json(#"{"tools":null,"other":1}"#))
        #expect(out == json(#"{"tools":[],"classifications":[],"relations":[],"other":1}"#))
        #expect(try CategorySchema.validated(json("{}")) == CategorySchema.empty)
    }

    @Test("non-object schemas, non-array lists and non-object items are refused")
    func refused() {
        expectInvalid("categorySchema must be an object") { _ = try CategorySchema.validated(json("[]")) }
        expectInvalid("categorySchema.tools must be an array") { _ = try CategorySchema.validated(json(#"{"tools":{}}"#)) }
        expectInvalid("categorySchema.relations must be an array") { _ = try CategorySchema.validated(json(#"{"relations":"r"}"#)) }
        expectInvalid("categorySchema.classifications[1] must be an object") {
            _ = try CategorySchema.validated(json(#"{"classifications":[{},"radio"]}"#))
        }
    }
}

@Suite("ProjectSettings.apply")
struct ProjectSettingsTests {
    @Test("new projects get Ango's defaults")
    func defaults() {
        let settings = ProjectSettings()
        #expect(settings.values["idleTimeout"] == .int(300))
        #expect(settings.bool("taskSkipEnabled") == true)
        #expect(settings.bool("benchmarkEnabled") == false)
        #expect(settings.number("benchmarkRatio") == 10)
    }

    @Test("known keys of the right type are stored")
    func knownKeysStored() throws {
        var settings = ProjectSettings()
        try settings.apply(["idleTimeout": 0, "taskSkipEnabled": false, "benchmarkEnabled": true, "benchmarkRatio": 25.5,
                            "instructions": nil, "projectPlugins": ["p": 1], "pluginPresets": [["a": 1]]])
        #expect(settings.values["idleTimeout"] == .int(0))
        #expect(settings.bool("taskSkipEnabled", default: true) == false)
        #expect(settings.bool("benchmarkEnabled") == true)
        #expect(settings.number("benchmarkRatio") == 25.5)
        #expect(settings.values["instructions"] == .null)
        #expect(settings.values["pluginPresets"] == [["a": 1]])
    }

    @Test("known keys of the wrong type are refused", arguments: [
        ("idleTimeout", JSONValue.string("300"), "idleTimeout must be a number, got string"),
        ("taskSkipEnabled", JSONValue.int(1), "taskSkipEnabled must be a boolean, got number"),
        ("benchmarkEnabled", JSONValue.string("true"), "benchmarkEnabled must be a boolean"),
        ("instructions", JSONValue.int(3), "instructions must be a string"),
        ("projectPlugins", JSONValue.array([]), "projectPlugins must be"),
        ("pluginPresets", JSONValue.object([:]), "pluginPresets must be"),
    ])
    func wrongTypes(key: String, value: JSONValue, message: String) {
        var settings = ProjectSettings()
        expectInvalid(message) { try settings.apply([key: value]) }
        #expect(settings == ProjectSettings())
    }

    @Test("unknown keys are kept verbatim; Project fields are not stored as settings")
    func unknownKeysKept() throws {
        var settings = ProjectSettings()
        try settings.apply(["myTeamFlag": ["nested": [1, "two"]], "name": "not a setting", "stages": [], "_id": "x"])
        #expect(settings.values["myTeamFlag"] == ["nested": [1, "two"]])
        #expect(settings.values["name"] == nil)
        #expect(settings.values["stages"] == nil)
        #expect(settings.values["_id"] == nil)
    }

    @Test("nothing changes when one key is wrong")
    func allOrNothing() {
        var settings = ProjectSettings()
        expectInvalid("idleTimeout") { try settings.apply(["taskSkipEnabled": false, "custom": 1, "idleTimeout": "soon"]) }
        #expect(settings == ProjectSettings())
        #expect(settings.bool("taskSkipEnabled") == true)
        #expect(settings.values["custom"] == nil)
    }

    @Test("a negative idleTimeout and a ratio outside 0...100 are refused")
    func ranges() {
        var settings = ProjectSettings()
        expectInvalid("idleTimeout must be zero or more seconds") { try settings.apply(["idleTimeout": -1, "taskSkipEnabled": false]) }
        expectInvalid("benchmarkRatio must be a percentage from 0 to 100") { try settings.apply(["benchmarkRatio": 101]) }
        expectInvalid("benchmarkRatio") { try settings.apply(["benchmarkRatio": -0.5]) }
        #expect(settings == ProjectSettings())
    }
}
