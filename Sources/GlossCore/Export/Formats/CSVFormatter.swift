/// One `export.csv` row per task (RFC 4180, `\r\n` line ends): task facts, the object count and
/// one column per top-level schema classification (titled like the question).
///
/// Answers: strings as-is (radio answers stored as option schemaIds become option values), lists
/// joined with `; `, booleans `true`/`false`, unanswered empty.
public struct CSVFormatter: ExportFormatter {
    /// One pass.
    public let passes = 1
    private let schema: ExportSchema

    /// A formatter for a project with `categorySchema`.
    public init(categorySchema: JSONValue) { schema = ExportSchema(categorySchema) }

    /// Starts `export.csv` with the header row.
    public mutating func begin(pass: Int, output: any ExportOutput) throws {
        try output.startFile("export.csv")
        let fixed = ["externalId", "assetId", "taskId", "stage", "updatedAt", "updatedBy", "objectCount"]
        try output.write(Self.row(fixed + schema.classifications.map { question in question.title }))
    }

    /// Writes the record's row.
    public mutating func add(_ record: ExportRecord, pass: Int, output: any ExportOutput) throws {
        let content = try ExportRecordContent(record, schema: schema)
        // Every tool object counts, not only the kinds the detection formats export.
        let tools = content.answer["tools"]?.arrayValue ?? content.answer["objects"]?.arrayValue ?? []
        var answers: [String: JSONValue] = [:]
        for answer in content.answer["classifications"]?.arrayValue ?? [] {
            guard let id = answer["schemaId"]?.stringValue, answers[id] == nil, let value = answer["answer"] else { continue }
            answers[id] = value
        }
        var fields = [record.externalID, record.assetID, record.taskID, record.stageName,
                      ISODate.format(millis: record.updatedAt), record.updatedBy ?? "", String(tools.count)]
        for question in schema.classifications {
            fields.append(ExportSchema.text(answers[question.schemaID].map { value in
                schema.exportedAnswer(value, of: question.schemaID)
            }))
        }
        try output.write(Self.row(fields))
    }

    /// Nothing after the last row.
    public mutating func finish(pass: Int, output: any ExportOutput) throws {}

    private static func row(_ fields: [String]) -> [UInt8] {
        Array((fields.map(ExportText.csvField).joined(separator: ",") + "\r\n").utf8)
    }
}
