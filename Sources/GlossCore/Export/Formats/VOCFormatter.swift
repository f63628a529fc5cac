/// Pascal VOC XML: one `Annotations/<stem>.xml` per record.
///
/// Boxes are written as they are; polygons and rotated boxes as their axis-aligned extent (VOC
/// has only `bndbox`). Coordinates are rounded to whole pixels, as VOC readers parse integers
/// (many call `int(text)`), and kept 0-based like Ango's. Records without an image size are still
/// written (VOC boxes are in pixels), with `<width>0</width><height>0</height>`.
public struct VOCFormatter: ExportFormatter {
    /// One pass.
    public let passes = 1
    private let schema: ExportSchema
    private var stems = ExportFileStems()

    /// A formatter for a project with `categorySchema`.
    public init(categorySchema: JSONValue) { schema = ExportSchema(categorySchema) }

    /// Nothing to write before the first record.
    public mutating func begin(pass: Int, output: any ExportOutput) throws {}

    /// Writes the record's XML file.
    public mutating func add(_ record: ExportRecord, pass: Int, output: any ExportOutput) throws {
        let content = try ExportRecordContent(record, schema: schema)
        try output.startFile("Annotations/\(stems.next(for: record.externalID)).xml")
        var xml = "<annotation>\n  <folder/>\n  <filename>\(ExportText.xmlEscaped(record.externalID))</filename>\n"
        xml += "  <size>\n    <width>\(Self.pixel(content.imageSize?.width ?? 0))</width>\n"
        xml += "    <height>\(Self.pixel(content.imageSize?.height ?? 0))</height>\n    <depth>3</depth>\n  </size>\n"
        xml += "  <segmented>0</segmented>\n"
        for shape in content.shapes {
            let box = shape.box
            xml += "  <object>\n    <name>\(ExportText.xmlEscaped(schema.classes[shape.classIndex].title))</name>\n"
            xml += "    <pose>Unspecified</pose>\n    <truncated>0</truncated>\n    <difficult>0</difficult>\n"
            xml += "    <bndbox>\n      <xmin>\(Self.pixel(box.x))</xmin>\n      <ymin>\(Self.pixel(box.y))</ymin>\n"
            xml += "      <xmax>\(Self.pixel(box.x + box.width))</xmax>\n      <ymax>\(Self.pixel(box.y + box.height))</ymax>\n"
            xml += "    </bndbox>\n  </object>\n"
        }
        xml += "</annotation>\n"
        try output.write(Array(xml.utf8))
    }

    /// Nothing to write after the last record.
    public mutating func finish(pass: Int, output: any ExportOutput) throws {}

    /// A coordinate as a whole number of pixels.
    private static func pixel(_ value: Double) -> String {
        value.isFinite && abs(value) < 9e15 ? String(Int64(value.rounded())) : "0"
    }
}
