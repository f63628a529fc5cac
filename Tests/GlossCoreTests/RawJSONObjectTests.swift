import Testing
@testable import GlossCore

@Suite("RawJSONObject: top-level members of stored JSON without parsing it")
struct RawJSONObjectTests {
    static func members(_ text: String) -> [(String, String)] {
        var found: [(String, String)] = []
        var copy = text
        copy.withUTF8 { utf8 in
            RawJSONObject.forEachMember(utf8) { key, value in
                found.append((String(decoding: key, as: UTF8.self), String(decoding: value, as: UTF8.self)))
            }
        }
        return found
    }

    @Test("values of every kind, with brackets and escaped quotes inside strings")
    func members() {
        let text = #"{"tools":[{"t":"a \"quoted\" ]} brace","n":[1,2]}], "n" : -1.5e3 ,"s":"x\\","b":true,"z":null,"o":{"k":"}"}}"#
        let found = Self.members(text)
        #expect(found.map { pair in pair.0 } == ["tools", "n", "s", "b", "z", "o"])
        #expect(found[0].1 == #"[{"t":"a \"quoted\" ]} brace","n":[1,2]}]"#)
        #expect(found[1].1 == "-1.5e3")
        #expect(found[2].1 == #""x\\""#)
        #expect(found[3].1 == "true")
        #expect(found[4].1 == "null")
        #expect(found[5].1 == #"{"k":"}"}"#)
    }

    @Test("strings of every length up to 60 bytes, with an escaped quote, backslash or bracket at every place, end where they end")
    func stringLengths() {
        for length in 0...60 {
            for place in 0...length {
                for inserted in [#"\""#, #"\\"#, "]", "}"] {
                    let body = String(repeating: "a", count: place) + inserted + String(repeating: "b", count: length - place)
                    let text = #"{"s":[""# + body + #"",1],"after":2}"#
                    let found = Self.members(text)
                    #expect(found.map { pair in pair.0 } == ["s", "after"], "\(text)")
                    #expect(found.first?.1 == #"[""# + body + #"",1]"#)
                }
            }
        }
    }

    @Test("not an object: no members and false")
    func notAnObject() {
        var text = "[1,2]"
        let isObject = text.withUTF8 { utf8 in RawJSONObject.forEachMember(utf8) { _, _ in } }
        #expect(isObject == false)
        #expect(Self.members("{}").isEmpty)
    }
}
