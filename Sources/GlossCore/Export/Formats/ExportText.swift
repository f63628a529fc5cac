import Foundation

/// Text encodings shared by the text-based formats.
enum ExportText {
    /// `value` with at most 6 decimals, trailing zeros dropped (`0.5`, `1`, `0.104167`): YOLO's
    /// usual precision, about 0.005 px on a 4K image, and locale-independent unlike `String(format:)`.
    static func decimal(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let scaled = (abs(value) * 1_000_000).rounded()
        guard scaled < 9e15 else { return String(value) }
        let micros = Int64(scaled)
        let whole = micros / 1_000_000
        var fraction = micros % 1_000_000
        let sign = value < 0 && micros != 0 ? "-" : ""
        if fraction == 0 { return "\(sign)\(whole)" }
        var digits = 6
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        let text = String(fraction)
        return "\(sign)\(whole)." + String(repeating: "0", count: digits - text.count) + text
    }

    /// `text` escaped for XML character data and attribute values. Characters XML 1.0 forbids
    /// (most C0 controls) are dropped, since a strict parser would reject the whole file.
    static func xmlEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One RFC 4180 field: quoted (inner quotes doubled) when it holds a comma, quote or line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { c in c == "," || c == "\"" || c == "\n" || c == "\r" || c == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
