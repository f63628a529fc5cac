import Foundation

/// A point in image pixels, origin top-left, y down.
struct PixelPoint: Sendable, Hashable {
    var x: Double
    var y: Double
}

/// An axis-aligned box in image pixels: `(x, y)` is the top-left corner, `width`/`height` are >= 0.
struct PixelBox: Sendable, Hashable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    /// Area in square pixels.
    var area: Double { width * height }
    /// The four corners, clockwise on screen from the top-left.
    var corners: [PixelPoint] {
        [PixelPoint(x: x, y: y), PixelPoint(x: x + width, y: y),
         PixelPoint(x: x + width, y: y + height), PixelPoint(x: x, y: y + height)]
    }

    /// The box of Ango's `{x, y, width, height}`. (x, y) is the first-clicked corner, so a negative
    /// size means the box extends left/up from it: normalizing keeps every format top-left based.
    init?(ango value: JSONValue?) {
        guard let x = value?["x"]?.doubleValue, let y = value?["y"]?.doubleValue,
              let w = value?["width"]?.doubleValue, let h = value?["height"]?.doubleValue,
              x.isFinite, y.isFinite, w.isFinite, h.isFinite else { return nil }
        self.init(x: min(x, x + w), y: min(y, y + h), width: abs(w), height: abs(h))
    }

    /// Creates a box from a top-left corner and a non-negative size.
    init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    /// The smallest box holding every point (nil for no points).
    init?(bounding points: [PixelPoint]) {
        guard let first = points.first else { return nil }
        var minX = first.x, minY = first.y, maxX = first.x, maxY = first.y
        for p in points.dropFirst() { minX = min(minX, p.x); minY = min(minY, p.y); maxX = max(maxX, p.x); maxY = max(maxY, p.y) }
        self.init(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }

    /// The part of the box inside a `width` × `height` image (zero-sized when it lies outside).
    func clipped(width imageWidth: Double, height imageHeight: Double) -> PixelBox {
        let x0 = min(max(x, 0), imageWidth), y0 = min(max(y, 0), imageHeight)
        let x1 = min(max(x + width, 0), imageWidth), y1 = min(max(y + height, 0), imageHeight)
        return PixelBox(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}

/// Polygon and rotated-box geometry shared by the export formats and the importers.
enum PixelGeometry {
    /// The points of Ango's `[[x, y], ...]`; nil unless there are at least 3 finite points.
    static func polygon(ango value: JSONValue?) -> [PixelPoint]? {
        guard let list = value?.arrayValue, list.count >= 3 else { return nil }
        var points: [PixelPoint] = []
        points.reserveCapacity(list.count)
        for item in list {
            guard let pair = item.arrayValue, pair.count >= 2, let x = pair[0].doubleValue, let y = pair[1].doubleValue,
                  x.isFinite, y.isFinite else { return nil }
            points.append(PixelPoint(x: x, y: y))
        }
        return points
    }

    /// The corners of Ango's rotated box: its exported `corners` when there are four, else computed
    /// from `{x, y, width, height, rotation}` (degrees, about the center, clockwise on screen since y
    /// points down). Order: the unrotated box's top-left, top-right, bottom-right, bottom-left.
    static func corners(ango value: JSONValue?) -> [PixelPoint]? {
        if let given = polygon(ango: value?["corners"]), given.count == 4 { return given }
        guard let box = PixelBox(ango: value) else { return nil }
        let degrees = value?["rotation"]?.doubleValue ?? 0
        guard degrees.isFinite else { return nil }
        return rotated(box, degrees: degrees)
    }

    /// `box`'s corners turned by `degrees` about its center.
    static func rotated(_ box: PixelBox, degrees: Double) -> [PixelPoint] {
        let angle = degrees * .pi / 180, c = cos(angle), s = sin(angle)
        let cx = box.x + box.width / 2, cy = box.y + box.height / 2
        return box.corners.map { p in
            let dx = p.x - cx, dy = p.y - cy
            return PixelPoint(x: cx + dx * c - dy * s, y: cy + dx * s + dy * c)
        }
    }

    /// The inverse of `rotated`: Ango's `{x, y, width, height, rotation}` for four corners in order.
    static func rotatedBox(corners p: [PixelPoint]) -> (box: PixelBox, degrees: Double) {
        let cx = p.reduce(0) { sum, q in sum + q.x } / 4, cy = p.reduce(0) { sum, q in sum + q.y } / 4
        let width = hypot(p[1].x - p[0].x, p[1].y - p[0].y), height = hypot(p[2].x - p[1].x, p[2].y - p[1].y)
        let degrees = atan2(p[1].y - p[0].y, p[1].x - p[0].x) * 180 / .pi
        return (PixelBox(x: cx - width / 2, y: cy - height / 2, width: width, height: height), degrees)
    }

    /// The enclosed area (shoelace formula; absolute, so click order does not matter).
    static func area(_ points: [PixelPoint]) -> Double {
        guard points.count >= 3 else { return 0 }
        var twice = 0.0
        for i in points.indices {
            let a = points[i], b = points[(i + 1) % points.count]
            twice += a.x * b.y - b.x * a.y
        }
        return abs(twice) / 2
    }
}
