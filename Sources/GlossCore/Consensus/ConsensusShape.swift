/// The geometry of one tool object, in the form consensus compares: an axis-aligned box, a
/// polygon, a point or a text/audio span.
public struct ConsensusShape: Sendable {
    /// Tool kinds consensus scores, in the order an object's keys are tried.
    public static let scorableKinds = ["bounding-box", "polygon", "point", "ner"]
    /// Tool kinds consensus never scores (as in Ango Hub). They are looked for before the scorable
    /// ones, so an object flagged `medical-brush` is excluded even if it carries other keys.
    public static let excludedKinds = ["rotated-bounding-box", "polyline", "segmentation", "brush",
                                       "medical-brush", "pdf", "spline", "pct"]
    /// Distance in pixels at which two points stop agreeing at all (similarity falls linearly to 0).
    public static let pointTolerance = 20.0

    private enum Geometry: Sendable, Equatable {
        case box(minX: Double, minY: Double, maxX: Double, maxY: Double)
        case polygon([PlanePoint])
        case point(PlanePoint)
        case span(start: Double, end: Double)
    }

    /// The tool kind, one of `scorableKinds`.
    public let kind: String
    private let geometry: Geometry

    /// Reads the geometry value of a tool object (the value under its `kind` key); nil when the
    /// kind is not scorable or the value is malformed.
    public init?(kind: String, geometry value: JSONValue) {
        guard let geometry = Self.geometry(kind: kind, value: value) else { return nil }
        self.kind = kind
        self.geometry = geometry
    }

    private static func geometry(kind: String, value: JSONValue) -> Geometry? {
        switch kind {
        case "bounding-box":
            guard let x = value["x"]?.doubleValue, let y = value["y"]?.doubleValue,
                  let width = value["width"]?.doubleValue, let height = value["height"]?.doubleValue else { return nil }
            // (x, y) is the first-clicked corner, so width and height may be negative.
            return .box(minX: min(x, x + width), minY: min(y, y + height), maxX: max(x, x + width), maxY: max(y, y + height))
        case "polygon":
            guard let items = value.arrayValue else { return nil }
            let points = items.compactMap(planePoint)
            return points.count == items.count ? .polygon(points) : nil
        case "point":
            return planePoint(value).map { .point($0) }
        case "ner":
            guard let start = value["start"]?.doubleValue, let end = value["end"]?.doubleValue else { return nil }
            return .span(start: start, end: end)
        default:
            return nil
        }
    }

    /// Agreement of two shapes in 0...1: IoU for boxes and polygons, overlap over union of the
    /// [start, end) spans for NER, `1 - distance / pointTolerance` (at least 0) for points.
    /// Shapes of different kinds score 0. Two shapes without area or length score 1 when they are
    /// identical and 0 otherwise, so a degenerate shape still matches its exact copy.
    public func similarity(to other: ConsensusShape) -> Double {
        let value: Double
        switch (geometry, other.geometry) {
        case let (.box(ax0, ay0, ax1, ay1), .box(bx0, by0, bx1, by1)):
            let overlap = max(0, min(ax1, bx1) - max(ax0, bx0)) * max(0, min(ay1, by1) - max(ay0, by0))
            let union = (ax1 - ax0) * (ay1 - ay0) + (bx1 - bx0) * (by1 - by0) - overlap
            value = union > 0 ? overlap / union : -1
        case let (.polygon(a), .polygon(b)):
            let hasArea = PolygonOverlap.signedArea(a) != 0 || PolygonOverlap.signedArea(b) != 0
            value = hasArea ? PolygonOverlap.iou(a, b) : -1
        case let (.point(a), .point(b)):
            let distance = ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
            return max(0, 1 - distance / Self.pointTolerance)
        case let (.span(aStart, aEnd), .span(bStart, bEnd)):
            let overlap = max(0, min(aEnd, bEnd) - max(aStart, bStart))
            let union = max(0, aEnd - aStart) + max(0, bEnd - bStart) - overlap
            value = union > 0 ? overlap / union : -1
        default:
            return 0
        }
        // -1 marks "no area or length on either side": only an exact copy agrees.
        return value >= 0 ? value : (geometry == other.geometry ? 1 : 0)
    }

    /// A point written `[x, y]` (Ango's form) or `{x, y}`.
    private static func planePoint(_ value: JSONValue) -> PlanePoint? {
        if let pair = value.arrayValue, pair.count >= 2, let x = pair[0].doubleValue, let y = pair[1].doubleValue {
            return PlanePoint(x: x, y: y)
        }
        if let x = value["x"]?.doubleValue, let y = value["y"]?.doubleValue { return PlanePoint(x: x, y: y) }
        return nil
    }
}
