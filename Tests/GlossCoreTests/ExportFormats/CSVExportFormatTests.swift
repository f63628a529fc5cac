@testable import GlossCore
import Testing

/// A minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks;
/// records end with CRLF. Returns nil for text that breaks the grammar (a bare LF, a stray quote).
func readCSV(_ text: String) -> [[String]]? {
    var rows: [[String]] = [], row: [String] = [], field = ""
    var chars = Array(text.unicodeScalars)[...]
    var quoted = false, afterQuote = false
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" { chars.removeFirst(); field.unicodeScalars.append("\"") } else { quoted = false; afterQuote = true }
            } else { field.unicodeScalars.append(c) }
            continue
        }
        switch c {
        case "\"" where field.isEmpty && !afterQuote: quoted = true
        case ",": row.append(field); field = ""; afterQuote = false
        case "\r":
            guard chars.popFirst() == "\n" else { return nil }
            row.append(field); rows.append(row); row = []; field = ""; afterQuote = false
        case "\"", "\n": return nil
        default: if afterQuote { return nil }; field.unicodeScalars.append(c)
        }
    }
    guard !quoted, field.isEmpty, row.isEmpty else { return nil }
    return rows
}

@Suite("CSV export format")
struct CSVExportFormatTests {
    typealias F = ExportFormatFixture

    @Test("one export.csv: header with a column per top-level classification, one row per record")
    func rows() throws {
        let out = try F.export(CSVFormatter(categorySchema: F.schema))
        #expect(out.names == ["export.csv"])
        let text = try #require(out.text("export.csv"))
        let rows = try #require(readCSV(text))
        #expect(rows.count == 4)
        #expect(rows.first == ["externalId", "assetId", "taskId", "stage", "updatedAt", "updatedBy", "objectCount", "Weather", "Tags"])
        #expect(rows.dropFirst().first == ["images/street 1.jpg", "a1", "t1", "Label", "2025-01-15T10:30:00.001Z", "ann@example.com", "5",
                                           "Rain, heavy", "Night; Say \"hi\", ok"])
        // Legacy radio answer stored as the option schemaId; no checkbox answer; no editor.
        #expect(rows.dropFirst(2).first == ["images/street 1.png", "a2", "t2", "Label", "2025-01-15T10:30:00.002Z", "", "2", "Sunny", ""])
        #expect(rows.last == ["scan, final.jpg", "a3", "t3", "Label", "2025-01-15T10:30:00.003Z", "ann@example.com", "1", "", ""])
    }

    @Test("fields with commas or quotes are quoted with doubled quotes; lines end in CRLF")
    func quoting() throws {
        let text = try #require(try F.export(CSVFormatter(categorySchema: F.schema)).text("export.csv"))
        #expect(text.contains(#","Rain, heavy","Night; Say ""hi"", ok"\#r\#n"#))
        #expect(text.hasPrefix("externalId,assetId,taskId,stage,updatedAt,updatedBy,objectCount,Weather,Tags\r\n"))
        #expect(ExportText.csvField("line\nbreak") == "\"line\nbreak\"")
        #expect(ExportText.csvField("plain") == "plain")
    }

    @Test("answers: booleans true/false, lists joined, numbers as JSON, absent empty")
    func answerText() {
        #expect(ExportSchema.text(.bool(true)) == "true")
        #expect(ExportSchema.text(.bool(false)) == "false")
        #expect(ExportSchema.text(json(#"["a", "b"]"#)) == "a; b")
        #expect(ExportSchema.text(.int(3)) == "3")
        #expect(ExportSchema.text(nil) == "")
        #expect(ExportSchema.text(.null) == "")
    }
}
