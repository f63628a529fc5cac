/// One item of `POST /import/labels` (spec T10, D2): which asset(s) it labels and the answer.
public struct LabelImportItem: Sendable, Hashable {
    /// How the item names its asset.
    public enum Target: Sendable, Hashable {
        /// Every asset with this external id.
        case externalID(String)
        /// One asset by id.
        case assetID(String)
        /// Every asset with this data URL.
        case data(String)
    }

    /// The asset(s) to label.
    public var target: Target
    /// The answer as sent: `{tools | objects, classifications, relations}`.
    public var answer: JSONValue
    /// Brush mask URL, if any.
    public var brushDataURL: String?
    /// `status: "Completed"`: the task goes to the Complete stage with its labels.
    public var completes: Bool

    /// Parses an item: the answer either flat on the item or nested under `answer` (both
    /// forms appear in Ango's docs). Throws `DomainError.invalid` naming the problem.
    public static func parse(_ value: JSONValue) throws -> LabelImportItem {
        guard let object = value.objectValue else { throw DomainError.invalid("the item must be an object") }
        let target: Target
        if let id = object["assetId"]?.stringValue, !id.isEmpty { target = .assetID(id) }
        else if let id = object["externalId"]?.stringValue, !id.isEmpty { target = .externalID(id) }
        else if let url = object["data"]?.stringValue, !url.isEmpty { target = .data(url) }
        else { throw DomainError.invalid("the item needs an externalId, assetId or data to name its asset") }
        var source = object
        if let nested = object["answer"], !nested.isNull {
            guard let members = nested.objectValue else { throw DomainError.invalid("answer must be an object") }
            source = members
        }
        var answer: [String: JSONValue] = [:]
        for key in ["objects", "tools", "classifications", "relations"] where source[key].map({ value in !value.isNull }) == true {
            answer[key] = source[key]
        }
        let brush = (source["brushDataUrl"] ?? object["brushDataUrl"])?.stringValue
        var completes = false
        if let status = object["status"], !status.isNull {
            guard let text = status.stringValue, ["completed", "complete"].contains(text.lowercased()) else {
                throw DomainError.invalid("status must be \"Completed\" (or left out)")
            }
            completes = true
        }
        return LabelImportItem(target: target, answer: .object(answer), brushDataURL: brush, completes: completes)
    }
}
