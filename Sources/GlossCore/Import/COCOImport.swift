/// Pre-labels from a COCO object-detection JSON document (the shape `COCOFormatter` writes).
public enum COCOImport {
    /// Ango import items, one per image with annotations, in `images` order:
    /// `{"externalId": file_name, "objects": [...], "classifications": []}`.
    ///
    /// Each annotation's category name is matched to a schema tool title (see `ImportClasses`):
    /// polygon `segmentation` goes to a polygon tool when one has that title, else `bbox` to the
    /// bounding-box tool. RLE segmentations count as box-only. Throws `DomainError.invalid` for an
    /// unknown category or image id, a category no tool matches, or an annotation without geometry.
    public static func items(from json: JSONValue, categorySchema: JSONValue) throws -> [JSONValue] {
        let classes = ImportClasses(categorySchema: categorySchema)
        var categories: [Int: String] = [:]
        for category in json["categories"]?.arrayValue ?? [] {
            guard let id = category["id"]?.intValue else { continue }
            categories[id] = category["name"]?.stringValue ?? ""
        }
        var imageOrder: [Int] = [], fileNames: [Int: String] = [:]
        for image in json["images"]?.arrayValue ?? [] {
            guard let id = image["id"]?.intValue, fileNames[id] == nil else { continue }
            imageOrder.append(id)
            fileNames[id] = image["file_name"]?.stringValue ?? String(id)
        }
        var objects: [Int: [JSONValue]] = [:]
        for (index, annotation) in (json["annotations"]?.arrayValue ?? []).enumerated() {
            let context = "annotations[\(index)]"
            guard let imageID = annotation["image_id"]?.intValue, fileNames[imageID] != nil else {
                throw DomainError.invalid("\(context): image_id is not the id of an image in images")
            }
            guard let categoryID = annotation["category_id"]?.intValue, let name = categories[categoryID] else {
                throw DomainError.invalid("\(context): category_id is not the id of a category in categories")
            }
            let polygons = Self.polygons(annotation["segmentation"])
            guard let box = Self.box(annotation["bbox"]) ?? PixelBox(bounding: polygons.flatMap { part in part }) else {
                throw DomainError.invalid("\(context): no bbox and no polygon segmentation")
            }
            objects[imageID, default: []] += try classes.objects(name: name, box: box, polygons: polygons, context: context)
        }
        return imageOrder.compactMap { id in
            guard let list = objects[id] else { return nil }
            return .object(["externalId": .string(fileNames[id]!), "objects": .array(list), "classifications": .array([])])
        }
    }

    /// COCO `[x, y, width, height]` (normalized in case a writer used negative sizes).
    private static func box(_ value: JSONValue?) -> PixelBox? {
        guard let v = value?.arrayValue, v.count == 4, let x = v[0].doubleValue, let y = v[1].doubleValue,
              let w = v[2].doubleValue, let h = v[3].doubleValue else { return nil }
        return PixelBox(ango: ["x": .double(x), "y": .double(y), "width": .double(w), "height": .double(h)])
    }

    /// The parts of a polygon segmentation `[[x1, y1, x2, y2, ...], ...]`; parts with fewer than three
    /// points are dropped. Empty for RLE (an object) and box-only annotations.
    private static func polygons(_ value: JSONValue?) -> [[PixelPoint]] {
        (value?.arrayValue ?? []).compactMap { part -> [PixelPoint]? in
            guard let numbers = part.arrayValue?.compactMap(\.doubleValue), numbers.count == part.arrayValue?.count,
                  numbers.count >= 6, numbers.count % 2 == 0 else { return nil }
            return stride(from: 0, to: numbers.count, by: 2).map { i in PixelPoint(x: numbers[i], y: numbers[i + 1]) }
        }
    }
}
