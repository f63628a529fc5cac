/// One item of data to label. `externalId` is not unique.
public struct Asset: Sendable, Hashable {
    /// Asset id.
    public var id: String
    /// Project id.
    public var projectID: String
    /// The client's identifier (defaults to the file name for uploads); not unique.
    public var externalID: String
    /// URL of the file, or inline text/HTML.
    public var data: String
    /// Free metadata (`{width, height}`...).
    public var metadata: JSONValue
    /// Extra key/values shown to annotators.
    public var contextData: JSONValue
    /// Batch ids.
    public var batches: [String]
    /// Storage integration id for private buckets.
    public var storage: String?
    /// Attachments as sent.
    public var attachments: JSONValue
    /// Whether labels were imported for it.
    public var isPreLabeled: Bool
    /// Creation time, epoch ms.
    public var createdAt: Int64
    /// Last update, epoch ms.
    public var updatedAt: Int64

    /// Creates an asset.
    public init(id: String, projectID: String, externalID: String, data: String, metadata: JSONValue, contextData: JSONValue,
                batches: [String], storage: String?, attachments: JSONValue, isPreLabeled: Bool, createdAt: Int64, updatedAt: Int64) {
        self.id = id; self.projectID = projectID; self.externalID = externalID; self.data = data; self.metadata = metadata
        self.contextData = contextData; self.batches = batches; self.storage = storage; self.attachments = attachments
        self.isPreLabeled = isPreLabeled; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// Filters of `GET /project/{id}/assets` (`filters` JSON): all given keys must match.
public struct AssetFilter: Sendable, Hashable {
    /// Only this asset id.
    public var id: String?
    /// Only assets with this external id.
    public var externalID: String?
    /// Only assets pre-labeled (or not).
    public var isPreLabeled: Bool?
    /// Only assets in every one of these batches.
    public var batches: [String] = []

    /// An empty filter.
    public init() {}

    /// Parses the `filters` object; unknown keys and wrong types are refused with 400.
    public static func parse(_ value: JSONValue) throws -> AssetFilter {
        guard let object = value.objectValue else { throw DomainError.invalid("filters must be a JSON object") }
        var filter = AssetFilter()
        for (key, value) in object {
            switch key {
            case "_id", "assetId":
                guard let s = value.stringValue else { throw DomainError.invalid("filters.\(key) must be a string") }
                filter.id = s
            case "externalId":
                guard let s = value.stringValue else { throw DomainError.invalid("filters.externalId must be a string") }
                filter.externalID = s
            case "isPreLabeled":
                guard let b = value.boolValue else { throw DomainError.invalid("filters.isPreLabeled must be a boolean") }
                filter.isPreLabeled = b
            case "batches":
                guard let list = value.arrayValue?.compactMap(\.stringValue), list.count == value.arrayValue?.count else {
                    throw DomainError.invalid("filters.batches must be an array of batch ids")
                }
                filter.batches = list
            default:
                throw DomainError.invalid("unknown asset filter key: \(key)")
            }
        }
        return filter
    }
}
