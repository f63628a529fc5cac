@testable import GlossCore
import Testing

@Suite("COCO export format")
struct COCOExportFormatTests {
    private func document() throws -> JSONValue {
        let output = try ExportFormatFixture.export(COCOFormatter(categorySchema: ExportFormatFixture.schema))
        #expect(output.names == ["annotations.json"])
        return try JSONParser.parse(try #require(output.text("annotations.json")))
    }

    @Test("images are numbered 1...n in record order with file_name, size (0 when unknown) and Gloss ids")
    func images() throws {
        let images = try #require(try document()["images"]?.arrayValue)
        #expect(images.map { image in image["id"]?.intValue } == [1, 2, 3])
        #expect(images.map { image in image["file_name"]?.stringValue } == ["images/street 1.jpg", "images/street 1.png", "scan, final.jpg"])
        #expect(images.map { image in image["width"]?.intValue } == [640, 800, 0])
        #expect(images.map { image in image["height"]?.intValue } == [480, 600, 0])
        #expect(images.map { image in image["gloss_asset_id"]?.stringValue } == ["a1", "a2", "a3"])
        #expect(images.map { image in image["gloss_task_id"]?.stringValue } == ["t1", "t2", "t3"])
    }

    @Test("categories are the box, polygon and rotated-box tools in schema order; the point tool is left out")
    func categories() throws {
        let categories = try #require(try document()["categories"]?.arrayValue)
        #expect(categories.map { category in category["id"]?.intValue } == [1, 2, 3])
        #expect(categories.map { category in category["name"]?.stringValue } == ["Car & Van", "Road", "Sign"])
        #expect(categories.map { category in category["supercategory"]?.stringValue } == ["bounding-box", "polygon", "rotated-bounding-box"])
    }

    @Test("every annotation points at an existing image and category; ids are unique")
    func references() throws {
        let doc = try document()
        let imageIDs = (doc["images"]?.arrayValue ?? []).compactMap { image in image["id"]?.intValue }
        let categoryIDs = Set((doc["categories"]?.arrayValue ?? []).compactMap { category in category["id"]?.intValue })
        let annotations = try #require(doc["annotations"]?.arrayValue)
        #expect(Set(imageIDs).count == imageIDs.count)
        #expect(annotations.count == 6)
        let ids = annotations.compactMap { annotation in annotation["id"]?.intValue }
        #expect(Set(ids).count == annotations.count)
        for annotation in annotations {
            #expect(imageIDs.contains(annotation["image_id"]?.intValue ?? -1))
            #expect(categoryIDs.contains(annotation["category_id"]?.intValue ?? -1))
            #expect(annotation["iscrowd"]?.intValue == 0)
        }
    }

    @Test("bbox is top-left based and positive, segmentation and area follow polygons and rotated boxes")
    func geometry() throws {
        typealias F = ExportFormatFixture
        let annotations = try #require(try document()["annotations"]?.arrayValue)
        let expected: [(image: Int, category: Int, box: PixelBox, outline: [PixelPoint]?, area: Double)] = [
            (1, 1, F.car1, nil, 5000), (1, 1, F.car2, nil, 2000), (1, 2, PixelBox(x: 100, y: 300, width: 100, height: 100), F.road, F.roadArea),
            (2, 3, F.signBox, F.signCorners, 800), (2, 1, F.car3, nil, 400), (3, 1, F.car4, nil, 100),
        ]
        try #require(annotations.count == expected.count)
        for (annotation, want) in zip(annotations, expected) {
            #expect(annotation["image_id"]?.intValue == want.image)
            #expect(annotation["category_id"]?.intValue == want.category)
            let bbox = (annotation["bbox"]?.arrayValue ?? []).compactMap(\.doubleValue)
            #expect(nearlyEqual(bbox, numbers(want.box)), "bbox \(bbox) != \(want.box)")
            #expect(abs((annotation["area"]?.doubleValue ?? -1) - want.area) < 1e-6)
            let segmentation = (annotation["segmentation"]?.arrayValue ?? []).map { part in (part.arrayValue ?? []).compactMap(\.doubleValue) }
            if let outline = want.outline {
                #expect(segmentation.count == 1)
                #expect(nearlyEqual(segmentation.first ?? [], numbers(outline)), "segmentation \(segmentation)")
            } else {
                #expect(segmentation.isEmpty)
            }
        }
    }

    @Test("nested classification answers become attributes by title, legacy option schemaIds as values")
    func attributes() throws {
        let annotations = try #require(try document()["annotations"]?.arrayValue)
        #expect(annotations.first?["attributes"] == json(#"{"Color": "Red"}"#))
        #expect(annotations.last?["attributes"] == json("{}"))
    }

    @Test("a malformed stored answer fails the export instead of dropping its labels")
    func malformedAnswer() throws {
        let broken = ExportFormatFixture.record(9, "x.jpg", metadata: "{}", answer: "{\"tools\": [")
        expectInvalid("answer of task t9") {
            _ = try ExportFormatFixture.export(COCOFormatter(categorySchema: ExportFormatFixture.schema), [broken])
        }
    }
}
