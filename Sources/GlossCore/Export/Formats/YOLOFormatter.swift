/// Ultralytics YOLO labels: `data.yaml` (class names), then `labels/<stem>.txt` per record.
///
/// Classes are the schema's bounding-box, polygon and rotated-bounding-box classes in schema order.
/// Boxes are `class cx cy w h`; polygons are segmentation lines `class x1 y1 x2 y2 ...`; rotated
/// boxes are their four corners, which is both a 4-point segmentation line and the YOLO-OBB line.
/// All values are normalized by the image size and clamped to [0, 1].
///
/// YOLO cannot express a label without the image size, so records whose metadata lacks a positive
/// width and height get no label file and are listed, with the reason, in a last file
/// `skipped.txt` (only when there are some). Silently dropping them would look like "no objects".
/// Records with a size but no objects get an empty label file (YOLO's "background image").
public struct YOLOFormatter: ExportFormatter {
    /// One pass.
    public let passes = 1
    private let schema: ExportSchema
    private var stems = ExportFileStems()
    // External ids of skipped records: per-name bookkeeping like the stems, no record is kept.
    private var skipped: [String] = []

    /// A formatter for a project with `categorySchema`.
    public init(categorySchema: JSONValue) { schema = ExportSchema(categorySchema) }

    /// Writes `data.yaml`, the first file of the archive.
    public mutating func begin(pass: Int, output: any ExportOutput) throws {
        try output.startFile("data.yaml")
        // Mapping form with explicit indexes (current Ultralytics style); names double-quoted so any
        // title is valid YAML.
        var text = "# Gloss YOLO export: labels/<image stem>.txt\nnc: \(schema.classes.count)\nnames:\n"
        for (index, category) in schema.classes.enumerated() { text += "  \(index): \(Self.yamlQuoted(category.title))\n" }
        try output.write(Array(text.utf8))
    }

    /// Writes the record's label file, or notes it as skipped.
    public mutating func add(_ record: ExportRecord, pass: Int, output: any ExportOutput) throws {
        let content = try ExportRecordContent(record, schema: schema)
        guard let size = content.imageSize else {
            skipped.append(record.externalID)
            return
        }
        try output.startFile("labels/\(stems.next(for: record.externalID)).txt")
        var text = ""
        for shape in content.shapes {
            if let outline = shape.polygon {
                text += String(shape.classIndex)
                for p in outline {
                    text += " " + Self.unit(p.x / size.width) + " " + Self.unit(p.y / size.height)
                }
            } else {
                // Clip before converting: clamping center and size separately would move the box.
                let box = shape.box.clipped(width: size.width, height: size.height)
                guard box.width > 0, box.height > 0 else { continue }
                text += String(shape.classIndex) + " " + Self.unit((box.x + box.width / 2) / size.width) + " "
                    + Self.unit((box.y + box.height / 2) / size.height) + " " + Self.unit(box.width / size.width) + " "
                    + Self.unit(box.height / size.height)
            }
            text += "\n"
        }
        if !text.isEmpty { try output.write(Array(text.utf8)) }
    }

    /// Writes `skipped.txt` when some records had no image size.
    public mutating func finish(pass: Int, output: any ExportOutput) throws {
        guard !skipped.isEmpty else { return }
        try output.startFile("skipped.txt")
        let reason = "no image width/height in asset metadata"
        try output.write(Array(skipped.map { id in "\(id)\t\(reason)\n" }.joined().utf8))
        skipped = []
    }

    /// A normalized coordinate clamped to [0, 1], at most 6 decimals.
    private static func unit(_ value: Double) -> String { ExportText.decimal(min(max(value, 0), 1)) }

    /// A YAML double-quoted scalar.
    static func yamlQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
