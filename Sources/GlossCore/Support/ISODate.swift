import Foundation

/// The wire format of dates: ISO-8601 UTC with milliseconds and `Z`. Stored as integer epoch
/// milliseconds so both databases compare and index them the same way.
public enum ISODate {
    /// Epoch milliseconds of `date`.
    public static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// Appends the quoted ISO text of `millis` to `bytes` (the JSON writer's date path: no
    /// intermediate strings).
    public static func appendQuoted(millis: Int64, to bytes: inout [UInt8]) {
        withQuoted(millis: millis) { bytes.append(contentsOf: $0) }
    }

    /// Calls `body` with the quoted ISO text of `millis`, built on the stack.
    public static func withQuoted<R>(millis: Int64, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let seconds = floorDiv(millis, 1000)
        let ms = Int(millis - seconds * 1000)
        let days = floorDiv(seconds, 86400)
        let secOfDay = Int(seconds - days * 86400)
        let (y, m, d) = civil(fromDays: days)
        // Filled on the stack and appended once: exports write millions of dates.
        var text: (UInt64, UInt64, UInt64, UInt16) = (0, 0, 0, 0)
        return try withUnsafeMutableBytes(of: &text) { raw in
            let b = raw.bindMemory(to: UInt8.self)
            func put(_ v: Int, _ at: Int, _ width: Int) {
                var value = v
                for i in stride(from: at + width - 1, through: at, by: -1) { b[i] = UInt8(48 + value % 10); value /= 10 }
            }
            b[0] = 34; put(y, 1, 4); b[5] = 45; put(m, 6, 2); b[8] = 45; put(d, 9, 2); b[11] = 84
            put(secOfDay / 3600, 12, 2); b[14] = 58; put(secOfDay % 3600 / 60, 15, 2); b[17] = 58; put(secOfDay % 60, 18, 2)
            b[20] = 46; put(ms, 21, 3); b[24] = 90; b[25] = 34
            return try body(UnsafeBufferPointer(rebasing: b[0..<26]))
        }
    }

    /// `2025-01-15T10:30:00.000Z` for epoch milliseconds.
    public static func format(millis: Int64) -> String {
        let seconds = Int(floorDiv(millis, 1000))
        let ms = Int(millis - Int64(seconds) * 1000)
        let days = floorDiv(Int64(seconds), 86400)
        let secOfDay = Int(Int64(seconds) - days * 86400)
        let (y, m, d) = civil(fromDays: days)
        func pad(_ v: Int, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secOfDay / 3600, 2)):\(pad(secOfDay % 3600 / 60, 2)):\(pad(secOfDay % 60, 2)).\(pad(ms, 3))Z"
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS`, with optional fraction (any digits) and `Z` or
    /// `±HH:MM`; returns epoch milliseconds. The SDK sends 3 or 6 fraction digits.
    public static func parseMillis(_ text: String) -> Int64? {
        let u = Array(text.utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= u.count else { return nil }
            var v = 0
            for i in from..<(from + len) { let c = u[i]; guard c >= 48 && c <= 57 else { return nil }; v = v * 10 + Int(c - 48) }
            return v
        }
        guard let y = num(0, 4), u.count >= 10, u[4] == 45, let mo = num(5, 2), u[7] == 45, let d = num(8, 2),
              (1...12).contains(mo), (1...31).contains(d) else { return nil }
        var h = 0, mi = 0, s = 0, ms = 0, offset = 0
        var i = 10
        if i < u.count {
            guard u[i] == 84 || u[i] == 32, let hh = num(11, 2), u.count > 13, u[13] == 58, let mm = num(14, 2) else { return nil }
            h = hh; mi = mm; i = 16
            if i < u.count, u[i] == 58 { guard let ss = num(17, 2) else { return nil }; s = ss; i = 19 }
            if i < u.count, u[i] == 46 {
                i += 1; var digits = 0; var frac = 0
                while i < u.count, u[i] >= 48, u[i] <= 57 { if digits < 3 { frac = frac * 10 + Int(u[i] - 48) }; digits += 1; i += 1 }
                guard digits > 0 else { return nil }
                while digits < 3 { frac *= 10; digits += 1 }
                ms = frac
            }
            if i < u.count {
                if u[i] == 90 { i += 1 } else if u[i] == 43 || u[i] == 45 {
                    guard let oh = num(i + 1, 2), i + 3 < u.count, u[i + 3] == 58, let om = num(i + 4, 2) else { return nil }
                    offset = (oh * 60 + om) * (u[i] == 43 ? 1 : -1); i += 6
                } else { return nil }
            }
            guard i == u.count, h < 24, mi < 60, s < 61 else { return nil }
        }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= monthDays[mo - 1] else { return nil }
        let days = daysFromCivil(y, mo, d)
        let secs = days * 86400 + Int64(h * 3600 + mi * 60 + s) - Int64(offset * 60)
        return secs * 1000 + Int64(ms)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

    // Howard Hinnant's civil-from-days algorithms: exact for the proleptic Gregorian calendar.
    private static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int64 {
        let y = Int64(m <= 2 ? y0 - 1 : y0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(m > 2 ? m - 3 : m + 9)
        let doy = (153 * mp + 2) / 5 + Int64(d) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    private static func civil(fromDays z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }
}
