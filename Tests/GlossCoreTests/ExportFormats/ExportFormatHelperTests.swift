@testable import GlossCore
import Testing

@Suite("Export formats: shared helpers")
struct ExportFormatHelperTests {
    @Test("stems: last path component without extension, sanitized, repeats suffixed without collisions")
    func stems() {
        #expect(ExportFileStems.sanitizedStem("dir/sub\\My Photo (1).JPG") == "My_Photo__1_")
        #expect(ExportFileStems.sanitizedStem(".env") == ".env")
        #expect(ExportFileStems.sanitizedStem("a/") == "unnamed")
        #expect(ExportFileStems.sanitizedStem("café.png") == "caf_")
        var stems = ExportFileStems()
        #expect(["a.jpg", "a.png", "a_1.jpg", "b/a.jpg"].map { id in stems.next(for: id) } == ["a", "a_1", "a_1_1", "a_2"])
    }

    @Test("decimals: at most 6, trailing zeros dropped, no exponent")
    func decimals() {
        #expect(ExportText.decimal(0.5) == "0.5")
        #expect(ExportText.decimal(1) == "1")
        #expect(ExportText.decimal(0.1041666) == "0.104167")
        #expect(ExportText.decimal(0.0000004) == "0")
        #expect(ExportText.decimal(0.00002) == "0.00002")
        #expect(ExportText.decimal(-2.25) == "-2.25")
    }

    @Test("boxes normalize negative sizes; polygon area is the shoelace area; rotation turns about the center")
    func geometry() {
        #expect(PixelBox(ango: json(#"{"x": 300, "y": 200, "width": -50, "height": -40}"#)) == PixelBox(x: 250, y: 160, width: 50, height: 40))
        #expect(PixelBox(ango: json(#"{"x": 1, "y": 2, "width": "3", "height": 4}"#)) == nil)
        #expect(PixelGeometry.area(ExportFormatFixture.road) == ExportFormatFixture.roadArea)
        let corners = PixelGeometry.rotated(PixelBox(x: 100, y: 100, width: 40, height: 20), degrees: 90)
        #expect(nearlyEqual(numbers(corners), numbers(ExportFormatFixture.signCorners), tolerance: 1e-9))
        let back = PixelGeometry.rotatedBox(corners: corners)
        #expect(nearlyEqual(numbers(back.box), [100, 100, 40, 20], tolerance: 1e-9) && abs(back.degrees - 90) < 1e-9)
    }

    @Test("image size comes from metadata numbers or numeric strings; missing or non-positive means unknown")
    func imageSize() {
        #expect(ExportRecordContent.size(metadataJSON: #"{"width": 640, "height": "480"}"#).map { s in [s.width, s.height] } == [640, 480])
        #expect(ExportRecordContent.size(metadataJSON: #"{"width": 640}"#) == nil)
        #expect(ExportRecordContent.size(metadataJSON: #"{"width": 0, "height": 5}"#) == nil)
        #expect(ExportRecordContent.size(metadataJSON: "not json width") == nil)
    }
}
