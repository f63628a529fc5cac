import Foundation

/// Latency samples in milliseconds.
struct Samples {
    private(set) var values: [Double] = []

    mutating func add(_ ms: Double) { values.append(ms) }

    /// The p-th percentile (nearest rank).
    func percentile(_ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[max(0, min(sorted.count - 1, rank))]
    }
}

/// Monotonic milliseconds.
func nowMS() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1_000_000 }

/// Formats a number with thousands separators.
func grouped(_ value: Double) -> String {
    let n = Int(value.rounded())
    let s = String(abs(n))
    var out = ""
    for (i, c) in s.reversed().enumerated() { if i > 0 && i % 3 == 0 { out.append(",") }; out.append(c) }
    return (n < 0 ? "-" : "") + String(out.reversed())
}

func ms(_ value: Double) -> String { String(format: value < 10 ? "%.2f ms" : "%.1f ms", value) }
