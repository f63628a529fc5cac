import Foundation
#if canImport(FoundationXML)
import FoundationXML  // XMLParser lives here on Linux
#endif
@testable import GlossCore
import Testing

/// What a VOC file says, read back with `XMLParser`.
private final class VOCReader: NSObject, XMLParserDelegate {
    struct Object: Equatable { var name = "", box: [Double] = [] }
    var values: [String: String] = [:]
    var objects: [Object] = []
    private var text = ""

    static func read(_ xml: String) throws -> VOCReader {
        let reader = VOCReader()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = reader
        try #require(parser.parse(), "XML does not parse: \(String(describing: parser.parserError))")
        return reader
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        text = ""
        if name == "object" { objects.append(Object()) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "name" where !objects.isEmpty: objects[objects.count - 1].name = text
        case "xmin", "ymin", "xmax", "ymax": objects[objects.count - 1].box.append(Double(text) ?? .nan)
        default: values[name] = text
        }
    }
}

@Suite("VOC export format")
struct VOCExportFormatTests {
    typealias F = ExportFormatFixture

    @Test("one XML file per record, named by the de-duplicated stem")
    func files() throws {
        let out = try F.export(VOCFormatter(categorySchema: F.schema))
        #expect(out.names == ["Annotations/street_1.xml", "Annotations/street_1_1.xml", "Annotations/scan__final.xml"])
    }

    @Test("filename, size and objects read back with XMLParser; names escaped, polygons and rotated boxes as extents")
    func contents() throws {
        let out = try F.export(VOCFormatter(categorySchema: F.schema))
        let first = try VOCReader.read(try #require(out.text("Annotations/street_1.xml")))
        #expect(first.values["filename"] == "images/street 1.jpg")
        #expect(first.values["width"] == "640" && first.values["height"] == "480" && first.values["depth"] == "3")
        #expect(first.objects == [.init(name: "Car & Van", box: [10, 20, 110, 70]), .init(name: "Car & Van", box: [250, 160, 300, 200]),
                                  .init(name: "Road", box: [100, 300, 200, 400])])
        let second = try VOCReader.read(try #require(out.text("Annotations/street_1_1.xml")))
        #expect(second.objects == [.init(name: "Sign", box: [110, 90, 130, 130]), .init(name: "Car & Van", box: [790, 590, 810, 610])])
        let third = try VOCReader.read(try #require(out.text("Annotations/scan__final.xml")))
        #expect(third.values["filename"] == "scan, final.jpg")
        #expect(third.values["width"] == "0" && third.values["height"] == "0")
        #expect(third.objects == [.init(name: "Car & Van", box: [5, 5, 15, 15])])
    }

    @Test("XML escaping covers markup characters and drops forbidden control characters")
    func escaping() {
        #expect(ExportText.xmlEscaped("a<b>&\"c'\u{1}") == "a&lt;b&gt;&amp;&quot;c&apos;")
    }
}
