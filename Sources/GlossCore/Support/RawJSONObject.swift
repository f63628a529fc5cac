import Foundation

/// Finds the top-level members of a JSON object in its UTF-8 text without building values, so
/// stored documents (answers, metadata) can be spliced into an export at the cost of one scan.
/// The text is trusted to be valid JSON (Gloss wrote it); on anything else the scan stops early.
public enum RawJSONObject {
    /// Calls `body(key, value)` for each top-level member of the object in `text`, where `key` is
    /// the raw key bytes (without quotes) and `value` the member's JSON text. Returns false when
    /// `text` is not an object.
    @discardableResult
    public static func forEachMember(_ text: UnsafeBufferPointer<UInt8>,
                                     _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        var i = skipSpace(text, 0)
        guard i < text.count, text[i] == UInt8(ascii: "{") else { return false }
        i += 1
        while true {
            i = skipSpace(text, i)
            guard i < text.count, text[i] == UInt8(ascii: "\"") else { return true }
            let keyEnd = endOfString(text, i)
            let key = UnsafeBufferPointer(rebasing: text[(i + 1)..<max(i + 1, keyEnd - 1)])
            i = skipSpace(text, keyEnd)
            guard i < text.count, text[i] == UInt8(ascii: ":") else { return true }
            let start = skipSpace(text, i + 1)
            let end = endOfValue(text, start)
            guard end > start else { return true }
            body(key, UnsafeBufferPointer(rebasing: text[start..<end]))
            i = skipSpace(text, end)
            guard i < text.count, text[i] == UInt8(ascii: ",") else { return true }
            i += 1
        }
    }

    /// Whether raw key bytes spell `name`.
    public static func key(_ key: UnsafeBufferPointer<UInt8>, is name: StaticString) -> Bool {
        name.withUTF8Buffer { expected in expected.count == key.count && memcmpEqual(expected, key) }
    }

    private static func memcmpEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<a.count where a[index] != b[index] { return false }
        return true
    }

    private static func skipSpace(_ t: UnsafeBufferPointer<UInt8>, _ from: Int) -> Int {
        var i = from
        while i < t.count, t[i] == 0x20 || t[i] == 0x0A || t[i] == 0x0D || t[i] == 0x09 { i += 1 }
        return i
    }

    /// Index just past the string starting at `start` (which holds the opening quote). Most
    /// strings of an answer are short keys and ids, looked through in place; a longer one is
    /// searched with `memchr` (vectorized in libc). A quote found is checked for escaping backslashes.
    private static func endOfString(_ t: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        guard let base = t.baseAddress else { return t.count }
        var i = start + 1
        let shortEnd = min(t.count, i + 24)
        while i < shortEnd {
            let c = t[i]
            if c == UInt8(ascii: "\"") { return i + 1 }
            if c == UInt8(ascii: "\\") { break }
            i += 1
        }
        while i < t.count {
            guard let found = memchr(base + i, Int32(UInt8(ascii: "\"")), t.count - i) else { return t.count }
            let quote = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            var slashes = 0
            while quote - slashes - 1 > start, t[quote - slashes - 1] == UInt8(ascii: "\\") { slashes += 1 }
            if slashes % 2 == 0 { return quote + 1 }
            i = quote + 1
        }
        return t.count
    }

    /// Index just past the value starting at `start`.
    private static func endOfValue(_ t: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        guard start < t.count else { return start }
        switch t[start] {
        case UInt8(ascii: "\""): return endOfString(t, start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var i = start
            while i < t.count {
                let c = t[i]
                // Digits, commas, colons and letters of literals are most of what is not in a
                // string: passed with three compares (`[` and `]` are `{` and `}` without 0x20).
                let folded = c | 0x20
                if folded != UInt8(ascii: "{") && folded != UInt8(ascii: "}") && c != UInt8(ascii: "\"") { i += 1; continue }
                switch c {
                case UInt8(ascii: "\""): i = endOfString(t, i); continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                default:
                    depth -= 1
                    if depth == 0 { return i + 1 }
                }
                i += 1
            }
            return t.count
        default:
            // A number, true, false or null: runs to the next delimiter.
            var i = start
            while i < t.count, t[i] != UInt8(ascii: ","), t[i] != UInt8(ascii: "}"), t[i] != UInt8(ascii: "]"),
                  t[i] != 0x20, t[i] != 0x0A, t[i] != 0x0D, t[i] != 0x09 { i += 1 }
            return i
        }
    }
}
