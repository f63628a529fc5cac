/// An organization's connection to a bucket store: S3 and S3-compatible services (MinIO, moto,
/// Ceph...) are served; GCS and Azure storages can be recorded but Gloss cannot sign for them yet.
public struct Storage: Sendable, Hashable {
    /// The provider family.
    public enum Provider: String, Sendable, CaseIterable {
        case aws = "AWS", gcp = "GCP", azure = "AZURE"

        /// Parses `aws`/`AWS`/`s3`, `gcs`/`GCP`, `azure`.
        public init?(loose text: String) {
            switch text.lowercased() {
            case "aws", "s3": self = .aws
            case "gcp", "gcs": self = .gcp
            case "azure": self = .azure
            default: return nil
            }
        }

        /// The OpenAPI `type` spelling.
        public var type: String {
            switch self {
            case .aws: return "aws"
            case .gcp: return "gcs"
            case .azure: return "azure"
            }
        }
    }
    /// Storage id.
    public var id: String
    /// Organization id.
    public var organizationID: String
    /// Unique name in the organization.
    public var name: String
    /// Provider.
    public var provider: Provider
    /// Default bucket (optional: asset URLs name their bucket).
    public var bucket: String?
    /// Region (SigV4 scope).
    public var region: String
    /// Endpoint of an S3-compatible service (e.g. `http://127.0.0.1:9000`); nil means AWS.
    public var endpoint: String?
    /// Path-style addressing (`endpoint/bucket/key`) instead of virtual-hosted (`bucket.endpoint/key`).
    public var pathStyle: Bool
    /// The credentials, encrypted with the server's secret key (never returned by the API).
    public var sealedCredentials: String
    /// Epoch ms.
    public var createdAt: Int64

    /// Creates a storage.
    public init(id: String, organizationID: String, name: String, provider: Provider, bucket: String?, region: String, endpoint: String?,
                pathStyle: Bool, sealedCredentials: String, createdAt: Int64) {
        self.id = id; self.organizationID = organizationID; self.name = name; self.provider = provider; self.bucket = bucket
        self.region = region; self.endpoint = endpoint; self.pathStyle = pathStyle; self.sealedCredentials = sealedCredentials
        self.createdAt = createdAt
    }
}

/// S3 access keys.
public struct StorageCredentials: Sendable, Hashable {
    /// Access key id.
    public var accessKeyID: String
    /// Secret access key.
    public var secretAccessKey: String
    /// Creates credentials.
    public init(accessKeyID: String, secretAccessKey: String) { self.accessKeyID = accessKeyID; self.secretAccessKey = secretAccessKey }
}

/// Encrypts secrets at rest with the server's key (AES-GCM in GlossServer).
public protocol SecretBox: Sendable {
    /// Encrypts; throws when the server has no secret key configured.
    func seal(_ plain: String) throws -> String
    /// Decrypts what `seal` made.
    func open(_ sealed: String) throws -> String
}

/// Persistence of storages.
public protocol StorageStore: Sendable {
    /// Inserts; `DomainError.conflict` when the organization already has a storage of that name.
    func create(_ storage: Storage) async throws
    /// The organization's storages, oldest first.
    func list(organizationID: String) async throws -> [Storage]
    /// One storage.
    func storage(id: String) async throws -> Storage?
    /// Deletes one.
    func delete(id: String) async throws
}
