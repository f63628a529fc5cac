/// Checks the geometry of one tool object against its schema tool's kind (api spec §7.3).
enum GeometryCheck {
    /// Geometry keys Gloss knows; a tool object carries the one named by its schema tool.
    static let keys: Set<String> = [
        "bounding-box", "rotated-bounding-box", "polygon", "polyline", "point", "ner", "segmentation", "pdf", "spline", "pct",
    ]
    /// Kinds whose traces live outside `tools` (`brushDataUrl`, `medicalBrushDataUrl`), so no geometry key is required.
    static let keyless: Set<String> = ["brush", "medical-brush"]
    /// Kinds whose geometry format is not settled by the sources: only its JSON kind is checked.
    private static let opaque: Set<String> = ["segmentation", "pdf", "spline", "pct"]

    /// Problems with the geometry of `object` (at `path`) for a schema tool of `kind`. Unknown kinds pass.
    static func problems(kind: String, object: [String: JSONValue], at path: String) -> [AnswerProblem] {
        guard keys.contains(kind) || keyless.contains(kind) else { return [] }
        // A second geometry key means the object was drawn with another tool than its class says.
        var found = object.keys.filter { keys.contains($0) && $0 != kind }.sorted().map {
            AnswerProblem(path: "\(path).\($0)", message: "does not belong to a \(kind) tool")
        }
        if keyless.contains(kind) { return found }
        guard let value = object[kind], !value.isNull else {
            return found + [AnswerProblem(path: "\(path).\(kind)", message: "is required for a \(kind) tool")]
        }
        let at = "\(path).\(kind)"
        switch kind {
        case "bounding-box": found += box(value, at: at, extra: nil)
        case "rotated-bounding-box": found += box(value, at: at, extra: "rotation")
        case "polygon": found += points(value, at: at, minimum: 3)
        case "polyline": found += points(value, at: at, minimum: 2)
        case "point": if !isPair(value) { found.append(AnswerProblem(path: at, message: "must be an [x, y] pair of numbers")) }
        case "ner": found += span(value, at: at)
        default:
            if opaque.contains(kind), value.objectValue == nil, value.arrayValue == nil {
                found.append(AnswerProblem(path: at, message: "must be an object or an array, not a \(value.typeName)"))
            }
        }
        return found
    }

    /// `{x, y, width, height}` (plus `rotation` for rotated boxes), all finite numbers.
    private static func box(_ value: JSONValue, at path: String, extra: String?) -> [AnswerProblem] {
        guard let box = value.objectValue else { return [AnswerProblem(path: path, message: "must be an object")] }
        var found: [AnswerProblem] = []
        for key in ["x", "y", "width", "height"] + (extra.map { [$0] } ?? []) {
            guard let number = finite(box[key]) else {
                found.append(AnswerProblem(path: "\(path).\(key)", message: "must be a finite number"))
                continue
            }
            // Sizes may be negative: (x, y) is the corner clicked first (spec §7.3).
            _ = number
        }
        return found
    }

    /// An array of at least `minimum` `[x, y]` pairs.
    private static func points(_ value: JSONValue, at path: String, minimum: Int) -> [AnswerProblem] {
        guard let list = value.arrayValue else { return [AnswerProblem(path: path, message: "must be an array of [x, y] points")] }
        var found = list.enumerated().filter { !isPair($0.element) }.map {
            AnswerProblem(path: "\(path)[\($0.offset)]", message: "must be an [x, y] pair of numbers")
        }
        if list.count < minimum {
            found.insert(AnswerProblem(path: path, message: "needs at least \(minimum) points, has \(list.count)"), at: 0)
        }
        return found
    }

    /// `{start, end}` numbers with `0 <= start < end`: character offsets for text, seconds (which
    /// may be fractional) for audio entities (spec §7.3).
    private static func span(_ value: JSONValue, at path: String) -> [AnswerProblem] {
        guard let span = value.objectValue else { return [AnswerProblem(path: path, message: "must be an object {start, end}")] }
        let start = finite(span["start"]), end = finite(span["end"])
        var found: [AnswerProblem] = []
        if start == nil { found.append(AnswerProblem(path: "\(path).start", message: "must be a number")) }
        if end == nil { found.append(AnswerProblem(path: "\(path).end", message: "must be a number")) }
        if let start, start < 0 { found.append(AnswerProblem(path: "\(path).start", message: "must not be negative")) }
        if let start, let end, start >= 0, end <= start {
            let shown = start == start.rounded() ? String(Int64(start)) : String(start)
            found.append(AnswerProblem(path: "\(path).end", message: "must be greater than start (\(shown))"))
        }
        return found
    }

    /// Whether `value` is `[x, y]` with two finite numbers.
    private static func isPair(_ value: JSONValue) -> Bool {
        guard let pair = value.arrayValue, pair.count == 2 else { return false }
        return finite(pair[0]) != nil && finite(pair[1]) != nil
    }

    /// The number in `value` when it is a finite one.
    private static func finite(_ value: JSONValue?) -> Double? {
        guard let number = value?.doubleValue, number.isFinite else { return nil }
        return number
    }
}
