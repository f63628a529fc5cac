@testable import GlossCore
import Testing

/// The records every format test exports: a box tool (with a nested radio), a polygon tool, a
/// point tool (not exported), a rotated-box tool, a top-level radio and a checkbox.
enum ExportFormatFixture {
    static let schema = json(#"""
    {"tools": [
       {"schemaId": "car", "title": "Car & Van", "tool": "bounding-box", "classifications": [
          {"schemaId": "color", "title": "Color", "tool": "radio",
           "options": [{"value": "Red", "schemaId": "red"}, {"value": "Blue", "schemaId": "blue"}]}]},
       {"schemaId": "road", "title": "Road", "tool": "polygon"},
       {"schemaId": "pin", "title": "Pin", "tool": "point"},
       {"schemaId": "sign", "title": "Sign", "tool": "rotated-bounding-box"}],
     "classifications": [
       {"schemaId": "weather", "title": "Weather", "tool": "radio",
        "options": [{"value": "Sunny", "schemaId": "sunny"}, {"value": "Rain, heavy", "schemaId": "rain"}]},
       {"schemaId": "tags", "title": "Tags", "tool": "checkbox",
        "options": [{"value": "Night", "schemaId": "night"}, {"value": "Say \"hi\", ok", "schemaId": "q"}]}],
     "relations": []}
    """#)

    /// Record 1 (640×480): a box, a negative-size box, a polygon, plus a point and an unknown
    /// schemaId that every detection format must skip.
    static let first = record(1, "images/street 1.jpg", metadata: #"{"width": 640, "height": 480, "camera": "x"}"#, answer: #"""
    {"tools": [
       {"objectId": "o1", "schemaId": "car", "bounding-box": {"x": 10, "y": 20, "width": 100, "height": 50},
        "classifications": [{"schemaId": "color", "answer": "red", "classifications": []}]},
       {"objectId": "o2", "schemaId": "car", "bounding-box": {"x": 300, "y": 200, "width": -50, "height": -40}},
       {"objectId": "o3", "schemaId": "road", "polygon": [[100, 300], [200, 300], [200, 400], [150, 350], [100, 400]]},
       {"objectId": "o4", "schemaId": "pin", "point": [5, 5]},
       {"objectId": "o5", "schemaId": "ghost", "bounding-box": {"x": 1, "y": 1, "width": 2, "height": 2}}],
     "classifications": [{"schemaId": "weather", "answer": "Rain, heavy"}, {"schemaId": "tags", "answer": ["Night", "Say \"hi\", ok"]}],
     "relations": []}
    """#)

    /// Record 2 (800×600, same file stem as record 1): a rotated box and a box crossing the corner.
    static let second = record(2, "images/street 1.png", metadata: #"{"width": 800, "height": 600}"#, answer: #"""
    {"tools": [
       {"objectId": "p1", "schemaId": "sign", "rotated-bounding-box": {"x": 100, "y": 100, "width": 40, "height": 20, "rotation": 90}},
       {"objectId": "p2", "schemaId": "car", "bounding-box": {"x": 790, "y": 590, "width": 20, "height": 20}}],
     "classifications": [{"schemaId": "weather", "answer": "sunny"}], "relations": []}
    """#, updatedBy: nil)

    /// Record 3: no image size.
    static let third = record(3, "scan, final.jpg", metadata: "{}", answer: #"""
    {"tools": [{"objectId": "q1", "schemaId": "car", "bounding-box": {"x": 5, "y": 5, "width": 10, "height": 10}}],
     "classifications": [], "relations": []}
    """#)

    static let records = [first, second, third]

    /// Expected pixel geometry per record, in answer order (exported objects only).
    static let car1 = PixelBox(x: 10, y: 20, width: 100, height: 50)
    static let car2 = PixelBox(x: 250, y: 160, width: 50, height: 40)
    static let road = [(100.0, 300.0), (200, 300), (200, 400), (150, 350), (100, 400)].map { p in PixelPoint(x: p.0, y: p.1) }
    static let roadArea = 7500.0
    static let signBox = PixelBox(x: 110, y: 90, width: 20, height: 40)
    static let signCorners = [(130.0, 90.0), (130, 130), (110, 130), (110, 90)].map { p in PixelPoint(x: p.0, y: p.1) }
    static let car3 = PixelBox(x: 790, y: 590, width: 20, height: 20)
    static let car4 = PixelBox(x: 5, y: 5, width: 10, height: 10)

    static func record(_ n: Int, _ externalID: String, metadata: String, answer: String,
                       updatedBy: String? = "ann@example.com") -> ExportRecord {
        ExportRecord(assetID: "a\(n)", assetURL: "https://img/\(n)", externalID: externalID, metadataJSON: metadata,
                     contextDataJSON: "{}", batchNames: [], taskID: "t\(n)", stageID: "s1", stageName: "Label", taskType: "default",
                     createdAt: 0, updatedAt: 1_736_937_000_000 + Int64(n), updatedBy: updatedBy, answerJSON: answer,
                     brushDataURL: nil, medicalBrushDataURL: nil, duration: 0, totalDuration: 0, consensusScore: nil,
                     consensusDetailsJSON: nil, history: [])
    }

    /// Runs `formatter` over `records` as the export does: every pass, every record, in order.
    static func export(_ formatter: some ExportFormatter, _ records: [ExportRecord] = records) throws -> MemoryOutput {
        var formatter = formatter
        let output = MemoryOutput()
        for pass in 0..<formatter.passes {
            try formatter.begin(pass: pass, output: output)
            for record in records { try formatter.add(record, pass: pass, output: output) }
            try formatter.finish(pass: pass, output: output)
        }
        return output
    }
}

/// An `ExportOutput` that keeps the files in memory, in start order.
final class MemoryOutput: ExportOutput {
    private(set) var names: [String] = []
    private var contents: [String: [UInt8]] = [:]

    func startFile(_ name: String) throws {
        #expect(contents[name] == nil, "file \(name) started twice")
        names.append(name)
        contents[name] = []
    }

    func write(_ bytes: [UInt8]) throws {
        guard let current = names.last else { Issue.record("write before any startFile"); return }
        contents[current, default: []] += bytes
    }

    /// The UTF-8 text of file `name` (nil when never started).
    func text(_ name: String) -> String? { contents[name].map { bytes in String(decoding: bytes, as: UTF8.self) } }
}

/// Whether two number lists are equally long and equal within `tolerance`.
func nearlyEqual(_ a: [Double], _ b: [Double], tolerance: Double = 1e-6) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { pair in abs(pair.0 - pair.1) <= tolerance }
}

/// The numbers of a box, for comparisons.
func numbers(_ box: PixelBox) -> [Double] { [box.x, box.y, box.width, box.height] }

/// The numbers of an outline, flattened.
func numbers(_ points: [PixelPoint]) -> [Double] { points.flatMap { p in [p.x, p.y] } }
