import Foundation

/// Storages (`/storages`): organization Owners and Admins create and delete them; every member
/// lists them (without secrets). Credentials are sealed with the server's key before they are stored.
public struct StorageService: Sendable {
    let store: any StorageStore
    let secrets: any SecretBox
    let clock: any GlossClock
    let ids: any IDGenerator

    /// `POST /storages`, in either dialect: OpenAPI `{name, type, bucket, region?, credentials: {accessKeyId,
    /// secretAccessKey}}` or the SDK's `{name, provider, publicKey, privateKey, region}`; Gloss adds
    /// `endpoint` and `pathStyle` for S3-compatible services.
    public func create(_ body: JSONValue, by user: User) async throws -> Storage {
        try user.require(.administer)
        guard body.objectValue != nil else { throw DomainError.invalid("body must be a JSON object") }
        guard let name = body["name"]?.stringValue?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
            throw DomainError.invalid("name is required and must be a non-empty string")
        }
        guard let providerText = (body["provider"] ?? body["type"])?.stringValue, let provider = Storage.Provider(loose: providerText) else {
            throw DomainError.invalid("provider (or type) must be one of AWS, GCP, AZURE")
        }
        guard provider == .aws else { throw DomainError.invalid("only AWS S3 and S3-compatible storages are supported; \(provider.rawValue) is not") }
        let credentials = body["credentials"]?.objectValue
        let access = credentials?["accessKeyId"]?.stringValue ?? body["publicKey"]?.stringValue
        let secret = credentials?["secretAccessKey"]?.stringValue ?? body["privateKey"]?.stringValue
        guard let access, !access.isEmpty, let secret, !secret.isEmpty else {
            throw DomainError.invalid("credentials are required: credentials.accessKeyId and credentials.secretAccessKey (or publicKey and privateKey)")
        }
        let region = body["region"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? "eu-central-1"
        var endpoint: String?
        if let value = body["endpoint"], !value.isNull {
            guard let text = value.stringValue, let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw DomainError.invalid("endpoint must be an http(s) URL such as https://minio.example.com")
            }
            endpoint = text.hasSuffix("/") ? String(text.dropLast()) : text
        }
        var bucket: String?
        if let value = body["bucket"], !value.isNull {
            guard let text = value.stringValue, !text.isEmpty else { throw DomainError.invalid("bucket must be a non-empty string") }
            bucket = text
        }
        let pathStyle = body["pathStyle"]?.boolValue ?? (endpoint != nil)
        let sealed = try secrets.seal(JSONValue.object(["accessKeyId": .string(access), "secretAccessKey": .string(secret)]).jsonText())
        let storage = Storage(id: ids.next(), organizationID: user.organizationID, name: name, provider: provider, bucket: bucket, region: region,
                              endpoint: endpoint, pathStyle: pathStyle, sealedCredentials: sealed, createdAt: ISODate.millis(clock.now()))
        try await store.create(storage)
        return storage
    }

    /// The caller's organization's storages (`_id` narrows to one).
    public func list(by user: User, id: String? = nil) async throws -> [Storage] {
        try user.require(.member)
        let all = try await store.list(organizationID: user.organizationID)
        return id.map { id in all.filter { $0.id == id } } ?? all
    }

    /// `DELETE /storages/{id}`: returns the deleted storage. Assets that name it keep their URLs.
    public func delete(_ id: String, by user: User) async throws -> Storage {
        try user.require(.administer)
        guard let storage = try await store.storage(id: id), storage.organizationID == user.organizationID else {
            throw DomainError.notFound("storage \(id) not found")
        }
        try await store.delete(id: id)
        return storage
    }

    /// A storage of the user's organization with its credentials opened (for signing).
    public func unsealed(_ id: String, organizationID: String) async throws -> (Storage, StorageCredentials)? {
        guard let storage = try await store.storage(id: id), storage.organizationID == organizationID else { return nil }
        return (storage, try credentials(of: storage))
    }

    /// Opens a storage's credentials.
    public func credentials(of storage: Storage) throws -> StorageCredentials {
        let json = try JSONParser.parse(try secrets.open(storage.sealedCredentials))
        guard let access = json["accessKeyId"]?.stringValue, let secret = json["secretAccessKey"]?.stringValue else {
            throw DomainError.conflict("storage \(storage.name) has unreadable credentials")
        }
        return StorageCredentials(accessKeyID: access, secretAccessKey: secret)
    }

    /// Every S3 storage of an organization, credentials still sealed.
    public func sealed(organizationID: String) async throws -> [Storage] {
        try await store.list(organizationID: organizationID).filter { $0.provider == .aws }
    }

    /// Every storage of an organization with opened credentials (export signing, URL matching).
    public func unsealedAll(organizationID: String) async throws -> [(Storage, StorageCredentials)] {
        try await sealed(organizationID: organizationID).map { ($0, try credentials(of: $0)) }
    }
}
