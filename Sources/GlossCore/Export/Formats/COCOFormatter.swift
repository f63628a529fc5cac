/// COCO object-detection JSON (`annotations.json`): images, annotations and categories in one
/// document, written in two passes so no record is kept (images first, then annotations).
///
/// Categories are the schema's bounding-box, polygon and rotated-bounding-box classes (ids 1...n in
/// schema order, `supercategory` = the tool kind). Polygons and rotated boxes (as their four
/// corners) carry a `segmentation` polygon, their extent as `bbox` and the outline's `area`; boxes
/// have an empty `segmentation`. Points and other kinds are not exported (see `ExportSchema`).
public struct COCOFormatter: ExportFormatter {
    /// Two passes: images, then annotations.
    public let passes = 2
    private let schema: ExportSchema
    private var imageID = 0
    private var annotationID = 0

    /// A formatter for a project with `categorySchema`.
    public init(categorySchema: JSONValue) { schema = ExportSchema(categorySchema) }

    /// Pass 0 opens the file and the `images` list; pass 1 opens `annotations`.
    public mutating func begin(pass: Int, output: any ExportOutput) throws {
        // Image ids are positions in task order; pass 1 counts again to get the same ids.
        imageID = 0
        if pass == 0 {
            try output.startFile("annotations.json")
            try output.write(Array(#"{"info":{"description":"Gloss export","version":"1.0"},"images":["#.utf8))
        } else {
            annotationID = 0
            try output.write(Array(#""annotations":["#.utf8))
        }
    }

    /// Pass 0 writes the record's image, pass 1 its annotations.
    public mutating func add(_ record: ExportRecord, pass: Int, output: any ExportOutput) throws {
        imageID += 1
        // The writer separates top-level values itself; only the first value of a record needs a
        // comma when an earlier record already wrote one.
        var json = JSONWriter(capacity: 256)
        let wroteBefore = pass == 0 ? imageID > 1 : annotationID > 0
        if pass == 0 {
            let size = ExportRecordContent.size(metadataJSON: record.metadataJSON)
            json.beginObject()
            json.key("id"); json.int(imageID)
            json.key("file_name"); json.string(record.externalID)
            json.key("width"); json.double(size?.width ?? 0)
            json.key("height"); json.double(size?.height ?? 0)
            json.key("gloss_asset_id"); json.string(record.assetID)
            json.key("gloss_task_id"); json.string(record.taskID)
            json.endObject()
        } else {
            for shape in try ExportRecordContent(record, schema: schema).shapes {
                annotationID += 1
                writeAnnotation(shape, to: &json)
            }
        }
        guard !json.bytes.isEmpty else { return }
        try output.write(wroteBefore ? [UInt8(ascii: ",")] + json.bytes : json.bytes)
    }

    private func writeAnnotation(_ shape: ExportShape, to json: inout JSONWriter) {
        json.beginObject()
        json.key("id"); json.int(annotationID)
        json.key("image_id"); json.int(imageID)
        json.key("category_id"); json.int(shape.classIndex + 1)
        json.key("bbox"); json.beginArray()
        for v in [shape.box.x, shape.box.y, shape.box.width, shape.box.height] { json.double(v) }
        json.endArray()
        json.key("area"); json.double(shape.area)
        json.key("iscrowd"); json.int(0)
        json.key("segmentation"); json.beginArray()
        if let outline = shape.polygon {
            json.beginArray(); for p in outline { json.double(p.x); json.double(p.y) }; json.endArray()
        }
        json.endArray()
        json.key("attributes"); json.value(.object(attributes(of: shape.tool)))
        json.endObject()
    }

    /// The tool's nested classification answers by question title (deeper levels flattened in), the
    /// shape CVAT and similar tools use for per-object attributes.
    private func attributes(of tool: JSONValue) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        func collect(_ list: JSONValue?) {
            for answer in list?.arrayValue ?? [] {
                let id = answer["schemaId"]?.stringValue
                if let value = answer["answer"]?.present {
                    let title = schema.classification(id)?.title ?? answer["title"]?.stringValue ?? id ?? ""
                    result[title] = schema.exportedAnswer(value, of: id)
                }
                collect(answer["classifications"])
            }
        }
        collect(tool["classifications"])
        return result
    }

    /// Pass 0 closes `images`; pass 1 closes `annotations` and writes the categories.
    public mutating func finish(pass: Int, output: any ExportOutput) throws {
        guard pass == 1 else { return try output.write(Array("],".utf8)) }
        var json = JSONWriter(capacity: 256)
        json.beginArray()
        for (index, category) in schema.classes.enumerated() {
            json.beginObject()
            json.key("id"); json.int(index + 1)
            json.key("name"); json.string(category.title)
            json.key("supercategory"); json.string(category.kind)
            json.endObject()
        }
        json.endArray()
        try output.write(Array(#"],"categories":"#.utf8) + json.bytes + [UInt8(ascii: "}")])
    }
}
