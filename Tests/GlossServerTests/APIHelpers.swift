import Foundation
import GlossCore
import GlossTesting
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

// One helper per route, as the SDK calls them. Each returns the raw response so tests can check
// failures too; the `new...`/`...IDs` helpers below also expect success.

typealias Client = any TestClientProtocol

/// Percent-encodes a query value (JSON text included); `+` is encoded too.
func q(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}

// MARK: Projects

func createProject(_ c: Client, key: String?, body: String) async throws -> TestJSONResponse {
    try await c.api(.post, "/v2/project", key: key, body: body)
}
func getProject(_ c: Client, key: String?, _ id: String) async throws -> TestJSONResponse {
    try await c.api(.get, "/v2/project/\(id)", key: key)
}
func listProjects(_ c: Client, key: String?, query: String = "page=1&limit=10") async throws -> TestJSONResponse {
    try await c.api(.get, "/v2/listProjects?\(query)", key: key)
}
func updateProject(_ c: Client, key: String?, _ id: String, body: String) async throws -> TestJSONResponse {
    try await c.api(.post, "/v2/project/\(id)", key: key, body: body)
}
func deleteProject(_ c: Client, key: String?, _ id: String) async throws -> TestJSONResponse {
    try await c.api(.delete, "/v2/project/\(id)", key: key)
}
func assignMembers(_ c: Client, key: String?, _ id: String, body: String) async throws -> TestJSONResponse {
    try await c.api(.post, "/v2/project/\(id)/assigned", key: key, body: body)
}
func postBatches(_ c: Client, key: String?, _ id: String, body: String) async throws -> TestJSONResponse {
    try await c.api(.post, "/v2/batches/\(id)", key: key, body: body)
}
func assignBatches(_ c: Client, key: String?, body: String) async throws -> TestJSONResponse {
    try await c.api(.post, "/v2/assignBatches", key: key, body: body)
}

// MARK: Assets

func importAssets(_ c: Client, key: String?, _ id: String, body: String, query: String = "") async throws -> TestJSONResponse {
    try await c.api(.post, "/v2/project/\(id)/cloud" + (query.isEmpty ? "" : "?\(query)"), key: key, body: body)
}
func listAssets(_ c: Client, key: String?, _ id: String, query: String = "page=1&limit=10") async throws -> TestJSONResponse {
    try await c.api(.get, "/v2/project/\(id)/assets?\(query)", key: key)
}
func deleteAssets(_ c: Client, key: String?, _ id: String, _ assetIDs: [String]) async throws -> TestJSONResponse {
    try await c.api(.delete, "/v2/project/\(id)/assets", key: key, body: JSONValue.object(["project": .string(id), "assets": strings(assetIDs)]).jsonText())
}

// MARK: Tasks

func listTasks(_ c: Client, key: String?, _ id: String, query: String = "page=1&limit=10") async throws -> TestJSONResponse {
    try await c.api(.get, "/v2/project/\(id)/tasks?\(query)", key: key)
}
func getTask(_ c: Client, key: String?, _ id: String, query: String = "includeAnswer=False") async throws -> TestJSONResponse {
    try await c.api(.get, "/v2/task/\(id)?\(query)", key: key)
}
func taskHistory(_ c: Client, key: String?, _ id: String) async throws -> TestJSONResponse {
    try await c.api(.get, "/v2/task/\(id)/history", key: key)
}
func assignTasks(_ c: Client, key: String?, body: String) async throws -> TestJSONResponse {
    try await c.api(.post, "/v2/task/assign", key: key, body: body)
}
func updatePriority(_ c: Client, key: String?, _ id: String, body: String) async throws -> TestJSONResponse {
    try await c.api(.post, "/v2/project/\(id)/updatePriority", key: key, body: body)
}
func deleteTasks(_ c: Client, key: String?, _ id: String, _ taskIDs: [String]) async throws -> TestJSONResponse {
    try await c.api(.delete, "/v2/project/\(id)/tasks", key: key, body: JSONValue.object(["tasks": strings(taskIDs)]).jsonText())
}

// MARK: Files

func getUploadURL(_ c: Client, key: String?, project: String, name: String, type: String = "assets") async throws -> TestJSONResponse {
    try await c.api(.get, "/v2/getUploadUrl?name=\(q(name))&project=\(q(project))&type=\(q(type))", key: key)
}
func getSignedURL(_ c: Client, key: String?, url: String) async throws -> TestJSONResponse {
    try await c.api(.get, "/v2/getSignedUrl?url=\(q(url))", key: key)
}
/// PUT raw bytes to a file URL (absolute or path), with no API key, as the SDK's upload does.
func putFile(_ c: Client, _ url: String, bytes: [UInt8]) async throws -> (status: Int, body: String) {
    let response = try await c.execute(uri: pathAndQuery(url), method: .put, headers: [:], body: ByteBuffer(bytes: bytes))
    return (Int(response.status.code), String(buffer: response.body))
}
/// GET a file URL with no API key.
func getFile(_ c: Client, _ url: String) async throws -> (status: Int, bytes: [UInt8]) {
    let response = try await c.execute(uri: pathAndQuery(url), method: .get)
    return (Int(response.status.code), Array(response.body.readableBytesView))
}
/// `http://host:port/files/...?...` -> `/files/...?...`.
func pathAndQuery(_ url: String) -> String {
    guard let scheme = url.range(of: "://") else { return url }
    let rest = url[scheme.upperBound...]
    return rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
}

// MARK: Success-expecting shortcuts

/// Creates a project and returns its id.
func newProject(_ c: Client, key: String, name: String = "Project") async throws -> String {
    let r = try await createProject(c, key: key, body: JSONValue.object(["name": .string(name)]).jsonText())
    try requireStatus(r, 201)
    return try #require(r.data["project"]?["_id"]?.stringValue)
}

/// Imports one asset per external id (`https://cdn.test/<ext>.png`) and checks the counts.
func importExternalIDs(_ c: Client, key: String, _ project: String, _ externalIDs: [String], extra: [String: JSONValue] = [:],
                       query: String = "") async throws {
    let items = externalIDs.map { ext -> JSONValue in
        var item = extra
        item["data"] = .string("https://cdn.test/\(ext).png"); item["externalId"] = .string(ext)
        return .object(item)
    }
    let r = try await importAssets(c, key: key, project, body: JSONValue.object(["assets": .array(items)]).jsonText(), query: query)
    try requireStatus(r, 201)
    #expect(r.data["assets"]?["tasksCreated"]?.intValue == externalIDs.count)
}

/// Every task of the project in the default order (at most 1000).
func allTasks(_ c: Client, key: String, _ project: String, query: String = "") async throws -> [JSONValue] {
    let r = try await listTasks(c, key: key, project, query: "page=1&limit=1000" + (query.isEmpty ? "" : "&\(query)"))
    try requireStatus(r, 200)
    return r.data["tasks"]?.arrayValue ?? []
}

/// Creates a batch by name and returns its id.
func newBatch(_ c: Client, key: String, _ project: String, name: String) async throws -> String {
    let r = try await postBatches(c, key: key, project, body: JSONValue.object(["name": .string(name)]).jsonText())
    try requireStatus(r, 200)
    return try #require(r.data["project"]?["_id"]?.stringValue)
}

func strings(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }
