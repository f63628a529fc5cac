import Foundation

extension YOLOImport {
    /// The class names of a YOLO `data.yaml`, in class-index order. Reads the `names` key in the
    /// forms datasets use: flow list `names: [a, 'b c']`, flow map `names: {0: a, 1: b}`, block list
    /// (`- a` lines) and block map (`0: a` lines, sorted by index). Quotes and `#` comments are
    /// handled; anything else in the file is ignored. Returns `[]` when there is no `names` key.
    /// Not a YAML parser: just enough for this one key.
    public static func classNames(dataYAML: String) -> [String] {
        // `isNewline`, not "\n": a CRLF pair is one Character in Swift and would not split.
        let lines = dataYAML.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { line in
            stripComment(String(line))
        }
        guard let start = lines.firstIndex(where: { line in line.hasPrefix("names:") }) else { return [] }
        let rest = lines[start].dropFirst("names:".count).trimmingSpaces
        if rest.hasPrefix("[") || rest.hasPrefix("{") {
            // A flow collection may continue on the next lines, up to its closing bracket.
            var text = rest
            var next = start + 1
            while !text.hasSuffix("]") && !text.hasSuffix("}") && next < lines.count { text += " " + lines[next].trimmingSpaces; next += 1 }
            let entries = splitFlow(String(text.dropFirst().dropLast()))
            return rest.hasPrefix("[") ? entries.map(unquote) : ordered(entries)
        }
        // Block form: the indented (or `- `) lines after `names:`, up to the next top-level key.
        var entries: [String] = [], isList = false
        for line in lines[(start + 1)...] {
            let item = line.trimmingSpaces
            if item.isEmpty { continue }
            if !line.hasPrefix(" ") && !line.hasPrefix("\t") && !line.hasPrefix("-") { break }
            if item.hasPrefix("- ") || item == "-" { isList = true; entries.append(String(item.dropFirst()).trimmingSpaces) } else { entries.append(item) }
        }
        return isList ? entries.map(unquote) : ordered(entries)
    }

    /// `index: name` entries sorted by index (entries without an integer index are ignored).
    private static func ordered(_ entries: [String]) -> [String] {
        entries.compactMap { entry -> (Int, String)? in
            guard let colon = entry.firstIndex(of: ":"), let index = Int(unquote(String(entry[..<colon]))) else { return nil }
            return (index, unquote(String(entry[entry.index(after: colon)...])))
        }.sorted { a, b in a.0 < b.0 }.map { pair in pair.1 }
    }

    /// Splits a flow collection's inside at commas outside quotes.
    private static func splitFlow(_ text: String) -> [String] {
        var parts: [String] = [], current = "", quote: Character?
        for c in text {
            if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c } else if c == "," {
                parts.append(current.trimmingSpaces); current = ""; continue
            }
            current.append(c)
        }
        if !current.trimmingSpaces.isEmpty { parts.append(current.trimmingSpaces) }
        return parts.filter { part in !part.isEmpty }
    }

    /// A scalar without its quotes: `'it''s'` -> `it's`, `"a\"b"` -> `a"b`; plain scalars trimmed.
    private static func unquote(_ raw: String) -> String {
        let text = raw.trimmingSpaces
        guard text.count >= 2, let first = text.first, first == text.last, first == "\"" || first == "'" else { return text }
        let inner = text.dropFirst().dropLast()
        if first == "'" { return inner.replacingOccurrences(of: "''", with: "'") }
        var out = "", escaped = false
        for c in inner {
            if escaped {
                switch c { case "n": out.append("\n"); case "t": out.append("\t"); default: out.append(c) }
                escaped = false
            } else if c == "\\" { escaped = true } else { out.append(c) }
        }
        return out
    }

    /// The line without a `#` comment (a `#` at the start or after whitespace, outside quotes).
    private static func stripComment(_ line: String) -> String {
        var quote: Character?, previous: Character = " "
        for index in line.indices {
            let c = line[index]
            if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c } else if c == "#", previous == " " || previous == "\t" {
                return String(line[..<index])
            }
            previous = c
        }
        return line
    }
}

private extension StringProtocol {
    var trimmingSpaces: String {
        let isSpace = { (c: Character) in c == " " || c == "\t" }
        guard let first = firstIndex(where: { c in !isSpace(c) }), let last = lastIndex(where: { c in !isSpace(c) }) else { return "" }
        return String(self[first...last])
    }
}
