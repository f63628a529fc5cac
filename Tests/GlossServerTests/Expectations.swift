import Foundation
import GlossCore
import GlossServer
import GlossStore
import GlossTesting
import Testing

/// A failed request's own status and body, so a broken precondition says what the server answered.
struct UnexpectedResponse: Error, CustomStringConvertible {
    let expected: Int
    let response: TestJSONResponse
    var description: String { "expected HTTP \(expected), got \(response.status): \(response.text)" }
}

/// Stops the test when a setup step did not answer `status`.
func requireStatus(_ r: TestJSONResponse, _ status: Int) throws {
    guard r.status == status else { throw UnexpectedResponse(expected: status, response: r) }
}

/// Expects a success envelope with this status.
func expectSuccess(_ r: TestJSONResponse, _ status: Int = 200, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(r.status == status, "body: \(r.text)", sourceLocation: sourceLocation)
    #expect(r.json["status"]?.stringValue == "success", sourceLocation: sourceLocation)
}

/// Expects the error body every 4xx must have: `status: "fail"`, a non-empty `message` containing `fragment`.
func expectFail(_ r: TestJSONResponse, _ status: Int, _ fragment: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(r.status == status, "body: \(r.text)", sourceLocation: sourceLocation)
    #expect(r.json["status"]?.stringValue == "fail", "body: \(r.text)", sourceLocation: sourceLocation)
    #expect(!r.message.isEmpty, "body: \(r.text)", sourceLocation: sourceLocation)
    if !fragment.isEmpty {
        #expect(r.message.contains(fragment), "message \"\(r.message)\" lacks \"\(fragment)\"", sourceLocation: sourceLocation)
    }
}

/// A 24-hex id nobody has.
let unknownID = "0123456789abcdef01234567"

/// Adds a user with `role` to the admin's organization (org A) and returns their API key.
func addOrgMember(_ runtime: GlossRuntime, _ fixture: TestFixture, email: String, role: OrgRole) async throws -> String {
    let key = "member-key-\(ObjectID.randomHex(bytes: 10))"
    let user = User(id: ObjectIDGenerator().next(), organizationID: fixture.admin.organizationID, email: email, name: email,
                    orgRole: role, createdAt: ISODate.millis(fixture.clock.now()))
    try await runtime.stores.identity.createUser(user, apiKey: StoredAPIKey(hash: SHA256Hasher().hash(key), hint: String(key.suffix(4))), passwordHash: nil)
    return key
}

extension Array where Element == JSONValue {
    /// The `_id`s of the objects.
    var ids: [String] { compactMap { $0["_id"]?.stringValue } }
    /// A string member of each object.
    func strings(_ key: String) -> [String] { compactMap { $0[key]?.stringValue } }
}

extension JSONValue {
    /// The `_id`s of an array of objects.
    var ids: [String] { (arrayValue ?? []).compactMap { $0["_id"]?.stringValue } }
    /// A string member of each element of an array.
    func strings(_ key: String) -> [String] { (arrayValue ?? []).compactMap { $0[key]?.stringValue } }
}

extension JSONValue {
    /// Element `index` of an array (nil when out of range or not an array).
    subscript(index: Int) -> JSONValue? {
        guard let list = arrayValue, list.indices.contains(index) else { return nil }
        return list[index]
    }
}
