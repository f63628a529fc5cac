@testable import GlossCore
import Testing

@Suite("YOLO export format")
struct YOLOExportFormatTests {
    typealias F = ExportFormatFixture

    private func output() throws -> MemoryOutput { try F.export(YOLOFormatter(categorySchema: F.schema)) }

    /// The label lines of a file as number lists.
    private func lines(_ text: String?) -> [[Double]] {
        (text ?? "").split(separator: "\n").map { line in line.split(separator: " ").compactMap { field in Double(field) } }
    }

    @Test("data.yaml first, then one label file per sized record (repeated stems suffixed), then skipped.txt")
    func files() throws {
        let out = try output()
        #expect(out.names == ["data.yaml", "labels/street_1.txt", "labels/street_1_1.txt", "skipped.txt"])
        #expect(out.text("skipped.txt") == "scan, final.jpg\tno image width/height in asset metadata\n")
    }

    @Test("data.yaml lists the exported classes in index order and their count")
    func dataYAML() throws {
        let yaml = try #require(try output().text("data.yaml"))
        #expect(yaml.contains("nc: 3\n"))
        #expect(YOLOImport.classNames(dataYAML: yaml) == ["Car & Van", "Road", "Sign"])
    }

    @Test("boxes are class cx cy w h normalized, with at most 6 decimals; polygons are class x y pairs")
    func firstRecord() throws {
        let text = try #require(try output().text("labels/street_1.txt"))
        #expect(text.hasPrefix("0 0.09375 0.09375 0.15625 0.104167\n"))
        let got = lines(text)
        #expect(got.count == 3)
        let w = 640.0, h = 480.0
        let expected: [[Double]] = [
            [0, 60 / w, 45 / h, 100 / w, 50 / h],
            [0, 275 / w, 180 / h, 50 / w, 40 / h],
            [1] + F.road.flatMap { p in [p.x / w, p.y / h] },
        ]
        for (line, want) in zip(got, expected) { #expect(nearlyEqual(line, want, tolerance: 1e-6), "\(line) != \(want)") }
    }

    @Test("rotated boxes are their four corners; boxes crossing the border are clipped, everything is in [0, 1]")
    func secondRecord() throws {
        let got = lines(try output().text("labels/street_1_1.txt"))
        #expect(got.count == 2)
        let w = 800.0, h = 600.0
        let expected: [[Double]] = [[2] + F.signCorners.flatMap { p in [p.x / w, p.y / h] }, [0, 795 / w, 595 / h, 10 / w, 10 / h]]
        for (line, want) in zip(got, expected) { #expect(nearlyEqual(line, want, tolerance: 1e-6), "\(line) != \(want)") }
        for line in got { #expect(line.dropFirst().allSatisfy { value in value >= 0 && value <= 1 }) }
    }

    @Test("no skipped.txt when every record has a size; an empty label file for a record without objects")
    func noSkips() throws {
        let empty = F.record(7, "empty.jpg", metadata: #"{"width": "100", "height": 50}"#, answer: "")
        let out = try F.export(YOLOFormatter(categorySchema: F.schema), [empty])
        #expect(out.names == ["data.yaml", "labels/empty.txt"])
        #expect(out.text("labels/empty.txt") == "")
    }
}
