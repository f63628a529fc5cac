import GlossCore
import Testing

@Suite("JSONWriter")
struct JSONWriterTests {
    static func written(_ value: JSONValue) -> String {
        var writer = JSONWriter()
        writer.value(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static let documents: [JSONValue] = [
        .null, .bool(true), .int(0), .int(Int64.min), .int(Int64.max), .double(-0.125), .double(3.14159), .double(1e300),
        .string(""), .string("quote \" backslash \\ slash / newline \n tab \t cr \r bell \u{7} nul \u{0} us \u{1f} é 😀"),
        .array([]), .object([:]),
        .object(["z": .array([.int(1), .double(2.5), .null, .object(["k": .string("v")])]), "a": .bool(false), "": .string("empty key")]),
        .array([.array([.array([.string("deep")])]), .object(["x\"y": .int(-1)])]),
    ]

    @Test("write then parse gives the same JSONValue", arguments: documents)
    func roundTrip(value: JSONValue) throws {
        #expect(try JSONParser.parse(Self.written(value)) == value)
    }

    @Test("quotes, backslashes and control characters are escaped; other text is raw UTF-8")
    func stringEscaping() {
        #expect(Self.written(.string("a\"b\\c\nd\re\tf\u{1}g\u{1f}h/é")) == #""a\"b\\c\nd\re\tf\u0001g\u001fh/é""#)
    }

    @Test("object keys are written sorted; commas separate members and elements")
    func layout() {
        #expect(Self.written(["b": 1, "a": [true, nil, "x"], "c": [:]]) == #"{"a":[true,null,"x"],"b":1,"c":{}}"#)
        #expect(JSONValue.array([1, 2]).jsonText() == "[1,2]")
    }

    @Test("the streaming API nests keys and values correctly")
    func streaming() {
        var w = JSONWriter()
        w.beginObject()
        w.key("list"); w.beginArray(); w.int(1); w.string(nil); w.double(2.5); w.double(nil); w.endArray()
        w.key("obj"); w.beginObject(); w.key("k"); w.bool(false); w.endObject()
        w.key("ids"); w.strings(["a", "b"])
        w.key("raw"); w.raw(Array(#"{"r":1}"#.utf8))
        w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"list":[1,null,2.5,null],"obj":{"k":false},"ids":["a","b"],"raw":{"r":1}}"#)
    }

    @Test("integral doubles are written without a fraction; non-finite numbers as null")
    func doubles() {
        #expect(Self.written(.double(42)) == "42")
        #expect(Self.written(.double(-0.5)) == "-0.5")
        #expect(Self.written(.double(.infinity)) == "null")
        #expect(Self.written(.double(.nan)) == "null")
    }
}
