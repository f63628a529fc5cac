/// What the standard formats read from a project's category schema, indexed once per export.
struct ExportSchema {
    /// One exported class: a schema tool of a kind the detection formats can express.
    struct Class {
        var schemaID: String
        var title: String
        var kind: String
    }

    /// Tool kinds the detection formats express. Points are left out on purpose: COCO, YOLO and VOC
    /// have no plain point annotation (COCO keypoints need a skeleton per category), and a zero-size
    /// box would be dropped or break area-based evaluation in most loaders.
    static let shapeKinds: Set<String> = ["bounding-box", "polygon", "rotated-bounding-box"]

    /// Exported classes in schema order; a class's index here is its YOLO index (COCO id - 1).
    let classes: [Class]
    /// Top-level classifications in schema order (the CSV columns).
    let classifications: [SchemaIndex.Classification]
    private let classIndex: [String: Int]
    private let classificationsByID: [String: SchemaIndex.Classification]

    init(_ categorySchema: JSONValue) {
        let index = SchemaIndex(categorySchema)
        var classes: [Class] = [], classIndex: [String: Int] = [:]
        for tool in index.tools where Self.shapeKinds.contains(tool.kind) && classIndex[tool.schemaID] == nil {
            classIndex[tool.schemaID] = classes.count
            classes.append(Class(schemaID: tool.schemaID, title: tool.title, kind: tool.kind))
        }
        self.classes = classes
        self.classIndex = classIndex
        classifications = index.classifications
        // Nested and top-level questions in one map: answers carry their own schemaIds at any depth.
        var byID: [String: SchemaIndex.Classification] = [:]
        func collect(_ list: [SchemaIndex.Classification]) {
            for item in list { if byID[item.schemaID] == nil { byID[item.schemaID] = item }; collect(item.children) }
        }
        collect(index.classifications)
        for tool in index.tools { collect(tool.classifications) }
        classificationsByID = byID
    }

    /// The index of the exported class with `schemaID` (nil for unknown ids and other kinds).
    func classIndex(of schemaID: String?) -> Int? { schemaID.flatMap { id in classIndex[id] } }

    /// The schema question with `schemaID`, at any depth.
    func classification(_ schemaID: String?) -> SchemaIndex.Classification? {
        schemaID.flatMap { id in classificationsByID[id] }
    }

    /// An answer as exported: option schemaIds (the legacy stored form of radio answers, spec §7.4)
    /// become option values, in lists too; other values are kept.
    func exportedAnswer(_ answer: JSONValue, of schemaID: String?) -> JSONValue {
        guard let question = classification(schemaID), !question.options.isEmpty else { return answer }
        switch answer {
        case .string(let text): return .string(question.option(named: text)?.value ?? text)
        case .array(let items): return .array(items.map { item in exportedAnswer(item, of: schemaID) })
        default: return answer
        }
    }

    /// A flat CSV/text form of an answer: strings as-is, lists joined with `; `, booleans
    /// `true`/`false`, numbers as JSON, absent or null empty.
    static func text(_ answer: JSONValue?) -> String {
        switch answer {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .array(let items): return items.map { item in text(item) }.joined(separator: "; ")
        case .int, .double, .object: return answer?.jsonText() ?? ""
        case .null, nil: return ""
        }
    }
}
