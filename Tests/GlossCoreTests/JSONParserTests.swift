import GlossCore
import Testing

@Suite("JSONParser")
struct JSONParserTests {
    @Test("parses every kind of value, with whitespace around tokens")
    func validDocument() throws {
        let value = try JSONParser.parse(" {\n\t\"a\" : [1, -2.5, 3e2, true, false, null, \"x\"], \"b\": {}, \"c\": [] } \r\n")
        #expect(value == .object([
            "a": .array([.int(1), .double(-2.5), .double(300), .bool(true), .bool(false), .null, .string("x")]),
            "b": .object([:]), "c": .array([]),
        ]))
    }

    @Test("string escapes, raw UTF-8 and surrogate pairs decode")
    func escapes() throws {
        #expect(try JSONParser.parse(#""\"\\\/\b\f\n\r\t\u0041\u00e9""#) == .string("\"\\/\u{8}\u{c}\n\r\tAé"))
        #expect(try JSONParser.parse(#""\ud83d\ude00 and 😀 and é""#) == .string("😀 and 😀 and é"))
        #expect(try JSONParser.parse(#""plain""#) == .string("plain"))
    }

    @Test("numbers: integers stay Int64, fractions and exponents become Double, overflow falls back to Double")
    func numbers() throws {
        #expect(try JSONParser.parse("0") == .int(0))
        #expect(try JSONParser.parse("-17") == .int(-17))
        #expect(try JSONParser.parse("9223372036854775807") == .int(Int64.max))
        #expect(try JSONParser.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(try JSONParser.parse("1.0") == .double(1))
        #expect(try JSONParser.parse("-0.125") == .double(-0.125))
        #expect(try JSONParser.parse("1E-2") == .double(0.01))
        #expect(try JSONParser.parse("2e+3") == .double(2000))
    }

    @Test("malformed input is refused with the byte offset of the problem", arguments: [
        ("", "at byte 0: unexpected end of input"),
        (#"{"a":1,}"#, "at byte 7: expected a string key"),
        ("[1 2]", "at byte 3: expected ',' or ']'"),
        (#"{"a" 1}"#, "at byte 5: expected ':'"),
        (#"{"a":1"#, "at byte 6: unexpected end of input"),
        (#"{"a":1]"#, "at byte 6: expected ',' or '}'"),
        (#""abc"#, "at byte 4: unterminated string"),
        ("tru", "at byte 0: unexpected end of input"),
        ("nul1", "at byte 0: invalid literal"),
        ("-", "at byte 1: unexpected character"),
        ("1.", "at byte 2: digit expected after '.'"),
        ("1e", "at byte 2: digit expected in exponent"),
        ("'a'", "at byte 0: unexpected character"),
        (#""\x""#, "at byte 3: invalid escape"),
        (#""\u12""#, "short unicode escape"),
        (#""\u12G4""#, "invalid unicode escape"),
        (#""\ud800\u0041""#, "invalid surrogate pair"),
        (#""\udc00""#, "invalid unicode escape"),
        ("\"a\u{1}b\"", "at byte 2: control character in string"),
        ("\"a\\n\u{9}\"", "at byte 4: control character in string"),
    ])
    func malformed(text: String, message: String) {
        expectInvalid("malformed JSON", message) { _ = try JSONParser.parse(text) }
    }

    @Test("data after the value is refused", arguments: [("01", 1), (#"{"a":1} x"#, 8), ("true false", 5), ("[] []", 3)])
    func trailingData(text: String, offset: Int) {
        expectInvalid("at byte \(offset): unexpected data after the JSON value") { _ = try JSONParser.parse(text) }
    }

    @Test("nesting is limited to 512 levels")
    func depthLimit() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try JSONParser.parse(ok).arrayValue?.count == 1)
        let deepArrays = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        expectInvalid("at byte 512: nesting too deep") { _ = try JSONParser.parse(deepArrays) }
        let deepObjects = String(repeating: #"{"a":"#, count: 600) + "1" + String(repeating: "}", count: 600)
        expectInvalid("nesting too deep") { _ = try JSONParser.parse(deepObjects) }
    }

    @Test("JSONValue.parse names the field in its error")
    func namedField() {
        expectInvalid("filter: malformed JSON at byte 1") { _ = try JSONValue.parse("{", field: "filter") }
    }
}
