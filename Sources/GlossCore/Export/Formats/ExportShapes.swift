/// One exportable object of a task: its class and its geometry in pixels.
struct ExportShape {
    /// Index into `ExportSchema.classes`.
    var classIndex: Int
    /// Top-left based bounding box (a polygon's or rotated box's extent).
    var box: PixelBox
    /// The outline for polygons and rotated boxes (its four corners); nil for plain boxes.
    var polygon: [PixelPoint]?
    /// The tool object as stored, for nested classifications.
    var tool: JSONValue

    /// Area in square pixels: the outline's for polygons, else the box's.
    var area: Double { polygon.map(PixelGeometry.area) ?? box.area }
}

/// What the standard formats read from one record: the image size and the exportable objects.
struct ExportRecordContent {
    /// Image size from the asset metadata (nil when either side is missing or not positive).
    var imageSize: (width: Double, height: Double)?
    /// The parsed answer (an empty object for an empty stored answer).
    var answer: JSONValue
    /// Objects of exported classes with usable geometry, in answer order.
    var shapes: [ExportShape]

    /// Reads `record`. A malformed stored answer throws (an export must not silently drop labels);
    /// malformed metadata only means "size unknown", since metadata is free-form client data.
    init(_ record: ExportRecord, schema: ExportSchema) throws {
        imageSize = Self.size(metadataJSON: record.metadataJSON)
        answer = record.answerJSON.isEmpty ? .object([:]) : try JSONValue.parse(record.answerJSON, field: "answer of task \(record.taskID)")
        // Stored answers use `tools`; very old rows may still say `objects` (spec §7.1).
        let tools = answer["tools"]?.arrayValue ?? answer["objects"]?.arrayValue ?? []
        shapes = tools.compactMap { tool in Self.shape(tool, schema: schema) }
    }

    /// The tool's shape, or nil when its class is not exported or its geometry is unusable.
    private static func shape(_ tool: JSONValue, schema: ExportSchema) -> ExportShape? {
        guard let index = schema.classIndex(of: tool["schemaId"]?.stringValue) else { return nil }
        let kind = schema.classes[index].kind
        // The class decides the geometry key, so a tool object carrying a stray key is not misread.
        if kind == "bounding-box" {
            guard let box = PixelBox(ango: tool[kind]) else { return nil }
            return ExportShape(classIndex: index, box: box, polygon: nil, tool: tool)
        }
        let outline = kind == "polygon" ? PixelGeometry.polygon(ango: tool[kind]) : PixelGeometry.corners(ango: tool[kind])
        guard let outline, let box = PixelBox(bounding: outline) else { return nil }
        return ExportShape(classIndex: index, box: box, polygon: outline, tool: tool)
    }

    /// Width and height from metadata such as `{"width":640,"height":480}` (numbers or numeric strings).
    static func size(metadataJSON: String) -> (width: Double, height: Double)? {
        guard metadataJSON.contains("width"), let metadata = try? JSONParser.parse(metadataJSON) else { return nil }
        func number(_ key: String) -> Double? {
            guard let value = metadata[key] else { return nil }
            let number = value.doubleValue ?? value.stringValue.flatMap { text in Double(text) }
            return number.flatMap { n in n.isFinite && n > 0 ? n : nil }
        }
        guard let width = number("width"), let height = number("height") else { return nil }
        return (width, height)
    }
}
