@testable import GlossCore
import Testing

@Suite("Export formats: import round trips and import errors")
struct ExportFormatImportTests {
    typealias F = ExportFormatFixture

    /// The objects of one import item, by position.
    private func objects(_ items: [JSONValue], _ externalID: String) -> [JSONValue] {
        items.first { item in item["externalId"]?.stringValue == externalID }?["objects"]?.arrayValue ?? []
    }

    /// Checks one imported object's class and geometry against the fixture.
    private func check(_ object: JSONValue?, _ schemaID: String, box: PixelBox? = nil, outline: [PixelPoint]? = nil,
                       corners: [PixelPoint]? = nil, tolerance: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(object?["schemaId"]?.stringValue == schemaID, sourceLocation: sourceLocation)
        if let box {
            let got = PixelBox(ango: object?["bounding-box"]).map(numbers) ?? []
            #expect(nearlyEqual(got, numbers(box), tolerance: tolerance), "\(got) != \(box)", sourceLocation: sourceLocation)
        }
        if let outline {
            let got = PixelGeometry.polygon(ango: object?["polygon"]).map(numbers) ?? []
            #expect(nearlyEqual(got, numbers(outline), tolerance: tolerance), "\(got) != \(outline)", sourceLocation: sourceLocation)
        }
        if let corners {
            let got = PixelGeometry.corners(ango: object?["rotated-bounding-box"]).map(numbers) ?? []
            #expect(nearlyEqual(got, numbers(corners), tolerance: tolerance), "\(got) != \(corners)", sourceLocation: sourceLocation)
        }
    }

    @Test("COCO export -> COCOImport gives back the same boxes, polygons and rotated boxes")
    func cocoRoundTrip() throws {
        let text = try #require(try F.export(COCOFormatter(categorySchema: F.schema)).text("annotations.json"))
        let items = try COCOImport.items(from: try JSONParser.parse(text), categorySchema: F.schema)
        #expect(items.map { item in item["externalId"]?.stringValue } == ["images/street 1.jpg", "images/street 1.png", "scan, final.jpg"])
        let first = objects(items, "images/street 1.jpg")
        try #require(first.count == 3)
        check(first[0], "car", box: F.car1, tolerance: 1e-9)
        check(first[1], "car", box: F.car2, tolerance: 1e-9)
        check(first[2], "road", outline: F.road, tolerance: 1e-9)
        let second = objects(items, "images/street 1.png")
        try #require(second.count == 2)
        check(second[0], "sign", corners: F.signCorners, tolerance: 1e-9)
        check(second[1], "car", box: F.car3, tolerance: 1e-9)
        check(objects(items, "scan, final.jpg").first, "car", box: F.car4, tolerance: 1e-9)
    }

    @Test("YOLO export -> YOLOImport gives back the same geometry within 1e-3 px (boxes clipped to the image)")
    func yoloRoundTrip() throws {
        let out = try F.export(YOLOFormatter(categorySchema: F.schema))
        let names = YOLOImport.classNames(dataYAML: try #require(out.text("data.yaml")))
        let labels = out.names.filter { name in name.hasPrefix("labels/") }.map { name in (name: name, text: out.text(name) ?? "") }
        let images = ["street_1": YOLOImport.Image(externalID: "images/street 1.jpg", width: 640, height: 480),
                      "street_1_1": YOLOImport.Image(externalID: "images/street 1.png", width: 800, height: 600)]
        let items = try YOLOImport.items(labelFiles: labels, classNames: names, categorySchema: F.schema) { stem in images[stem] }
        #expect(items.count == 2)
        let first = objects(items, "images/street 1.jpg")
        try #require(first.count == 3)
        check(first[0], "car", box: F.car1, tolerance: 1e-3)
        check(first[1], "car", box: F.car2, tolerance: 1e-3)
        check(first[2], "road", outline: F.road, tolerance: 1e-3)
        let second = objects(items, "images/street 1.png")
        try #require(second.count == 2)
        check(second[0], "sign", corners: F.signCorners, tolerance: 1e-3)
        check(second[1], "car", box: PixelBox(x: 790, y: 590, width: 10, height: 10), tolerance: 1e-3)
    }

    @Test("COCO: a category no schema tool is titled like is refused, naming it")
    func cocoUnknownCategory() {
        let doc = json(#"""
        {"images": [{"id": 1, "file_name": "a.jpg"}], "categories": [{"id": 4, "name": "Bicycle"}],
         "annotations": [{"id": 1, "image_id": 1, "category_id": 4, "bbox": [1, 2, 3, 4]}]}
        """#)
        expectInvalid("Bicycle", "annotations[0]") { _ = try COCOImport.items(from: doc, categorySchema: F.schema) }
    }

    @Test("COCO: images without annotations are omitted; a polygon class takes each segmentation part")
    func cocoParts() throws {
        let doc = json(#"""
        {"images": [{"id": 1, "file_name": "a.jpg"}, {"id": 2, "file_name": "b.jpg"}], "categories": [{"id": 1, "name": "Road"}],
         "annotations": [{"id": 1, "image_id": 2, "category_id": 1, "bbox": [0, 0, 9, 9],
                          "segmentation": [[0, 0, 4, 0, 4, 4], [5, 5, 9, 5, 9, 9]]}]}
        """#)
        let items = try COCOImport.items(from: doc, categorySchema: F.schema)
        #expect(items.map { item in item["externalId"]?.stringValue } == ["b.jpg"])
        #expect(objects(items, "b.jpg").map { object in object["polygon"] } == [json("[[0,0],[4,0],[4,4]]"), json("[[5,5],[9,5],[9,9]]")])
    }

    @Test("YOLO: a class index beyond the names is refused with file and line; so is an unknown stem")
    func yoloErrors() {
        let image = YOLOImport.Image(externalID: "a.jpg", width: 10, height: 10)
        expectInvalid("labels/a.txt line 2", "class index 5") {
            _ = try YOLOImport.items(labelFiles: [(name: "labels/a.txt", text: "0 0.5 0.5 0.1 0.1\r\n5 0.5 0.5 0.1 0.1\r\n")],
                                     classNames: ["Car & Van"], categorySchema: F.schema) { _ in image }
        }
        expectInvalid("labels/a.txt line 1", "polygon") {
            _ = try YOLOImport.items(labelFiles: [(name: "labels/a.txt", text: "0 0.5 0.5 0.1\n")],
                                     classNames: ["Car & Van"], categorySchema: F.schema) { _ in image }
        }
        expectInvalid("labels/zz.txt", "zz") {
            _ = try YOLOImport.items(labelFiles: [(name: "labels/zz.txt", text: "0 0.5 0.5 0.1 0.1\n")],
                                     classNames: ["Car & Van"], categorySchema: F.schema) { _ in nil }
        }
    }

    @Test("data.yaml names: flow list, flow map, block list and block map (sorted by index), quotes and comments")
    func classNames() {
        #expect(YOLOImport.classNames(dataYAML: "path: x\nnames: [car, 'it''s', \"a, b\"]  # classes\nnc: 3\n") == ["car", "it's", "a, b"])
        #expect(YOLOImport.classNames(dataYAML: "names: {1: b, 0: a}\n") == ["a", "b"])
        #expect(YOLOImport.classNames(dataYAML: "nc: 2\nnames:\n  - car # first\n  - \"bus #2\"\ntrain: t\n") == ["car", "bus #2"])
        #expect(YOLOImport.classNames(dataYAML: "names:\r\n  1: truck\r\n  0: \"car \\\"x\\\"\"\r\nval: v\r\n") == ["car \"x\"", "truck"])
        #expect(YOLOImport.classNames(dataYAML: "nc: 0\n").isEmpty)
    }
}
