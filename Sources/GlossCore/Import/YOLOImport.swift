/// Pre-labels from YOLO label files (the shape `YOLOFormatter` writes).
public enum YOLOImport {
    /// The asset a label file belongs to, as resolved by the caller.
    public struct Image: Sendable, Hashable {
        /// The externalId the import item targets.
        public var externalID: String
        /// Image width in pixels (YOLO values are fractions of it).
        public var width: Double
        /// Image height in pixels.
        public var height: Double

        /// Creates an image description.
        public init(externalID: String, width: Double, height: Double) {
            self.externalID = externalID; self.width = width; self.height = height
        }
    }

    /// Ango import items, one per label file with at least one line, in file order:
    /// `{"externalId": ..., "objects": [...], "classifications": []}`.
    ///
    /// `image` maps a label file's stem (last path component without extension, e.g. `img_1` for
    /// `labels/img_1.txt`) to its asset: YOLO pairs labels with images only by file stem, so only
    /// the caller (who knows the project's assets and their sizes) can resolve it, and it returns the
    /// externalId together with the size so the two cannot disagree.
    ///
    /// Lines `class cx cy w h` become bounding boxes, longer lines `class x1 y1 ...` outlines (see
    /// `ImportClasses` for the tool choice); values are scaled to pixels. Blank lines are skipped.
    /// Throws `DomainError.invalid` naming the file (and line) for an unknown stem, a malformed line,
    /// a class index outside `classNames`, or a class name no schema tool has as title.
    public static func items(labelFiles: [(name: String, text: String)], classNames: [String], categorySchema: JSONValue,
                             image: (_ stem: String) -> Image?) throws -> [JSONValue] {
        let classes = ImportClasses(categorySchema: categorySchema)
        var items: [JSONValue] = []
        for file in labelFiles {
            let stem = Self.stem(of: file.name)
            var objects: [JSONValue] = []
            var resolved: Image?
            for (offset, line) in file.text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
                let fields = line.split(whereSeparator: { c in c == " " || c == "\t" })
                guard !fields.isEmpty else { continue }
                let context = "\(file.name) line \(offset + 1)"
                guard let size = resolved ?? image(stem) else {
                    throw DomainError.invalid("\(file.name): no asset for label stem \"\(stem)\"")
                }
                resolved = size
                guard let classIndex = Int(fields[0]) else { throw DomainError.invalid("\(context): class index is not an integer") }
                guard classNames.indices.contains(classIndex) else {
                    throw DomainError.invalid("\(context): class index \(classIndex) is not below the \(classNames.count) class names")
                }
                let values = fields.dropFirst().compactMap { field in Double(field) }
                guard values.count == fields.count - 1, values.allSatisfy(\.isFinite) else {
                    throw DomainError.invalid("\(context): values must be numbers")
                }
                let (box, polygons) = try Self.geometry(values, in: size, context: context)
                objects += try classes.objects(name: classNames[classIndex], box: box, polygons: polygons, context: context)
            }
            if let resolved, !objects.isEmpty {
                items.append(.object(["externalId": .string(resolved.externalID), "objects": .array(objects),
                                      "classifications": .array([])]))
            }
        }
        return items
    }

    /// Pixel geometry of one line's normalized values.
    private static func geometry(_ v: [Double], in size: Image, context: String) throws -> (PixelBox, [[PixelPoint]]) {
        if v.count == 4 {
            let w = abs(v[2]) * size.width, h = abs(v[3]) * size.height
            return (PixelBox(x: v[0] * size.width - w / 2, y: v[1] * size.height - h / 2, width: w, height: h), [])
        }
        guard v.count >= 6, v.count % 2 == 0 else {
            throw DomainError.invalid("\(context): expected 4 box values or an even number (at least 6) of polygon coordinates, got \(v.count)")
        }
        let points = stride(from: 0, to: v.count, by: 2).map { i in PixelPoint(x: v[i] * size.width, y: v[i + 1] * size.height) }
        return (PixelBox(bounding: points)!, [points])
    }

    /// `labels/img_1.txt` -> `img_1`.
    /// A file name's last path component without its extension: how YOLO pairs label files with images.
    public static func stem(of name: String) -> String {
        var last = Substring(name)
        if let slash = last.lastIndex(where: { c in c == "/" || c == "\\" }) { last = last[last.index(after: slash)...] }
        if let dot = last.lastIndex(of: "."), dot != last.startIndex { last = last[..<dot] }
        return String(last)
    }
}
