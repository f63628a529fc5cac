/// A point of the image plane, in pixels.
struct PlanePoint: Sendable, Equatable {
    var x: Double
    var y: Double
}

/// Exact overlap area of two simple polygons (convex or concave).
///
/// A simple polygon's indicator function equals the signed sum of the indicators of its fan
/// triangles (p0, pi, pi+1), so the overlap of A and B is the signed sum of the overlaps of every
/// fan triangle of A with every fan triangle of B. Each of those is a convex-convex clip, which
/// Sutherland-Hodgman does exactly and robustly. This avoids general polygon clipping (and its
/// degenerate cases) at the price of O(|A|·|B|) triangle clips, which is small for hand-drawn shapes.
enum PolygonOverlap {
    /// Shoelace area, positive for counter-clockwise vertices in y-up axes.
    static func signedArea(_ polygon: [PlanePoint]) -> Double {
        guard polygon.count >= 3 else { return 0 }
        var sum = 0.0
        var previous = polygon[polygon.count - 1]
        for point in polygon {
            sum += previous.x * point.y - point.x * previous.y
            previous = point
        }
        return sum / 2
    }

    /// Intersection over union of two polygons; 0 when both have no area.
    static func iou(_ a: [PlanePoint], _ b: [PlanePoint]) -> Double {
        let areaA = abs(signedArea(a)), areaB = abs(signedArea(b))
        guard areaA > 0, areaB > 0 else { return 0 }
        // Rounding in the signed sum can leave a hair outside the possible range.
        let overlap = min(max(intersectionArea(a, b), 0), min(areaA, areaB))
        let union = areaA + areaB - overlap
        return union > 0 ? overlap / union : 0
    }

    /// Area common to both polygons.
    static func intersectionArea(_ a: [PlanePoint], _ b: [PlanePoint]) -> Double {
        // Most pairs of objects in a class lie apart; skip the quadratic part for them.
        guard Bounds(a).overlaps(Bounds(b)) else { return 0 }
        let trianglesA = fan(a), trianglesB = fan(b)
        var total = 0.0
        for (triangleA, signA) in trianglesA {
            let boundsA = Bounds(triangleA)
            for (triangleB, signB) in trianglesB where boundsA.overlaps(Bounds(triangleB)) {
                total += signA * signB * abs(signedArea(clip(triangleA, by: triangleB)))
            }
        }
        return total
    }

    /// Fan triangles of the polygon, each turned counter-clockwise, with +1 or -1 for the side it
    /// counts on (relative to the polygon's own orientation, so both windings give the same sum).
    private static func fan(_ polygon: [PlanePoint]) -> [([PlanePoint], Double)] {
        guard polygon.count >= 3 else { return [] }
        let orientation: Double = signedArea(polygon) < 0 ? -1 : 1
        var triangles: [([PlanePoint], Double)] = []
        let apex = polygon[0]
        for i in 1..<(polygon.count - 1) {
            let triangle = [apex, polygon[i], polygon[i + 1]]
            let area = signedArea(triangle)
            if area > 0 {
                triangles.append((triangle, orientation))
            } else if area < 0 {
                triangles.append((triangle.reversed(), -orientation))
            }
        }
        return triangles
    }

    /// Sutherland-Hodgman: the part of convex `subject` inside convex counter-clockwise `clip`.
    private static func clip(_ subject: [PlanePoint], by clip: [PlanePoint]) -> [PlanePoint] {
        var output = subject
        for index in clip.indices {
            guard !output.isEmpty else { break }
            let edgeStart = clip[index], edgeEnd = clip[(index + 1) % clip.count]
            let input = output
            output = []
            var previous = input[input.count - 1]
            var previousSide = side(previous, edgeStart, edgeEnd)
            for point in input {
                let pointSide = side(point, edgeStart, edgeEnd)
                if pointSide >= 0 {
                    if previousSide < 0 { output.append(crossing(previous, previousSide, point, pointSide)) }
                    output.append(point)
                } else if previousSide >= 0 {
                    output.append(crossing(previous, previousSide, point, pointSide))
                }
                previous = point
                previousSide = pointSide
            }
        }
        return output
    }

    /// Twice the signed area of (start, end, point): >= 0 when the point is left of or on the edge.
    private static func side(_ point: PlanePoint, _ start: PlanePoint, _ end: PlanePoint) -> Double {
        (end.x - start.x) * (point.y - start.y) - (end.y - start.y) * (point.x - start.x)
    }

    /// Where segment p-q crosses the clip line, from the two side values (which differ in sign).
    private static func crossing(_ p: PlanePoint, _ sideP: Double, _ q: PlanePoint, _ sideQ: Double) -> PlanePoint {
        let t = sideP / (sideP - sideQ)
        return PlanePoint(x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y))
    }

    /// Axis-aligned bounds, to skip triangle pairs that cannot overlap.
    private struct Bounds {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        init(_ points: [PlanePoint]) {
            for p in points {
                minX = min(minX, p.x); maxX = max(maxX, p.x)
                minY = min(minY, p.y); maxY = max(maxY, p.y)
            }
        }
        func overlaps(_ other: Bounds) -> Bool {
            minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
        }
    }
}
