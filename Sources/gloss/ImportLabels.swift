import ArgumentParser
import Foundation
import GlossCore
import GlossServer

/// `gloss import-labels`: the API's label import from the command line. Reads Ango import JSON,
/// a COCO annotation file, or a YOLO folder (`*.txt` label files and `data.yaml`).
struct ImportLabels: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-labels",
        abstract: "Import labels onto existing assets: Ango import JSON, COCO JSON, or a YOLO folder.")

    @Option(help: "Project id.") var project: String
    @Option(help: "ango, coco or yolo (default: guessed from the file).") var format: String?
    @Option(name: .customLong("as"), help: "Email of the importing user (default: the project owner).") var asUser: String?
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The JSON file, or the YOLO folder.") var source: String

    func run() async throws {
        try await withRuntime(database, as: asUser, project: project) { runtime, user in
            let target = try await runtime.services.projects.require(project, for: user)
            let items = try await LabelSource.items(source, format: format, project: target, assets: runtime.services.assetStore)
            let summary = try await runtime.services.labelImport.importLabels(projectID: project, items: items, by: user)
            for error in summary.errors.prefix(20) { FileHandle.standardError.write(Data("item \(error.index): \(error.message)\n".utf8)) }
            if summary.errors.count > 20 { FileHandle.standardError.write(Data("... and \(summary.errors.count - 20) more\n".utf8)) }
            print("\(summary.message) (\(summary.tasks) tasks written)")
        }
    }
}

/// Reads label files into Ango import items.
enum LabelSource {
    static func items(_ path: String, format: String?, project: Project, assets: any AssetStore) async throws -> [JSONValue] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw ValidationError("\(path) not found") }
        let kind = format ?? (isDirectory.boolValue ? "yolo" : nil)
        if kind == "yolo" { return try await yolo(path, project: project, assets: assets) }
        let json = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        let isCOCO = json["images"]?.arrayValue != nil && json["annotations"]?.arrayValue != nil
        switch kind ?? (isCOCO ? "coco" : "ango") {
        case "coco": return try COCOImport.items(from: json, categorySchema: project.categorySchema)
        case "ango":
            guard let items = (json["jsonContent"] ?? json["labels"] ?? json).arrayValue else {
                throw ValidationError("expected a JSON list of label items (or {\"jsonContent\": [...]})")
            }
            return items
        default: throw ValidationError("--format must be ango, coco or yolo")
        }
    }

    /// A YOLO folder: label files are paired with assets by file stem; sizes come from asset metadata.
    static func yolo(_ folder: String, project: Project, assets: any AssetStore) async throws -> [JSONValue] {
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        guard let yaml = files.first(where: { name in name.hasSuffix("data.yaml") }) else { throw ValidationError("no data.yaml in \(folder)") }
        let names = YOLOImport.classNames(dataYAML: try String(contentsOfFile: "\(folder)/\(yaml)", encoding: .utf8))
        let labelFiles = try files.filter { name in name.hasSuffix(".txt") && !name.hasSuffix("skipped.txt") }.map { name in
            (name: name, text: try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8))
        }
        var images: [String: YOLOImport.Image] = [:]
        var page = 1
        while true {
            let listed = try await assets.list(projectID: project.id, filter: AssetFilter(), page: try PageRequest(page: page, limit: PageRequest.maxLimit))
            for entry in listed.assets {
                let metadata = entry.asset.metadata
                guard let width = metadata["width"]?.doubleValue, let height = metadata["height"]?.doubleValue else { continue }
                images[YOLOImport.stem(of: entry.asset.externalID)] = YOLOImport.Image(externalID: entry.asset.externalID, width: width, height: height)
            }
            if listed.assets.count < PageRequest.maxLimit { break }
            page += 1
        }
        return try YOLOImport.items(labelFiles: labelFiles, classNames: names, categorySchema: project.categorySchema) { stem in images[stem] }
    }
}
