/// Turns a standard format's class name plus geometry into Ango import objects (spec §7.2), by
/// matching the name to a schema tool title. Shared by the COCO and YOLO importers.
struct ImportClasses {
    private var tools: [String: [String: String]] = [:]  // title -> kind -> schemaId (first in schema order)

    init(categorySchema: JSONValue) {
        for tool in SchemaIndex(categorySchema).tools where ExportSchema.shapeKinds.contains(tool.kind) {
            if tools[tool.title, default: [:]][tool.kind] == nil { tools[tool.title, default: [:]][tool.kind] = tool.schemaID }
        }
    }

    /// The objects for one annotation of class `name` with bounding `box` and outline `polygons`
    /// (one per part; empty for box-only annotations). The tool is chosen in this order:
    /// a polygon tool when there is an outline; a rotated-box tool when the outline has exactly four
    /// points (COCO/YOLO exports of rotated boxes); a bounding-box tool; then a polygon or rotated
    /// tool fed with the box. A multi-part outline gives one polygon object per part.
    /// Throws `DomainError.invalid` naming `name` (and `context`) when no tool has that title.
    func objects(name: String, box: PixelBox, polygons: [[PixelPoint]], context: String) throws -> [JSONValue] {
        let byKind = tools[name] ?? [:]
        if !polygons.isEmpty, let id = byKind["polygon"] {
            return polygons.map { outline in Self.object(id, name, "polygon", Self.polygonJSON(outline)) }
        }
        if polygons.count == 1, polygons[0].count == 4, let id = byKind["rotated-bounding-box"] {
            let (rotated, degrees) = PixelGeometry.rotatedBox(corners: polygons[0])
            return [Self.object(id, name, "rotated-bounding-box", Self.boxJSON(rotated, degrees: degrees))]
        }
        if let id = byKind["bounding-box"] { return [Self.object(id, name, "bounding-box", Self.boxJSON(box, degrees: nil))] }
        if let id = byKind["polygon"] { return [Self.object(id, name, "polygon", Self.polygonJSON(box.corners))] }
        if let id = byKind["rotated-bounding-box"] {
            return [Self.object(id, name, "rotated-bounding-box", Self.boxJSON(box, degrees: 0))]
        }
        throw DomainError.invalid("\(context): class \"\(name)\" matches no bounding-box, polygon or rotated-bounding-box tool title in the schema")
    }

    private static func object(_ schemaID: String, _ title: String, _ kind: String, _ geometry: JSONValue) -> JSONValue {
        .object(["schemaId": .string(schemaID), "title": .string(title), kind: geometry])
    }

    private static func boxJSON(_ box: PixelBox, degrees: Double?) -> JSONValue {
        var members: [String: JSONValue] = ["x": number(box.x), "y": number(box.y),
                                            "width": number(box.width), "height": number(box.height)]
        if let degrees { members["rotation"] = number(degrees) }
        return .object(members)
    }

    private static func polygonJSON(_ points: [PixelPoint]) -> JSONValue {
        .array(points.map { p in .array([number(p.x), number(p.y)]) })
    }

    /// Whole numbers as integers, so imported pixels compare and print like hand-written JSON.
    private static func number(_ value: Double) -> JSONValue {
        value.rounded() == value && abs(value) < 9e15 ? .int(Int64(value)) : .double(value)
    }
}
