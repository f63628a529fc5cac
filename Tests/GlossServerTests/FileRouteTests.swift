import Foundation
import GlossCore
import GlossTesting
import Testing

@Suite("Signed file URLs: getUploadUrl, PUT, getSignedUrl, GET")
struct FileRouteTests {
    static let bytes: [UInt8] = Array("hello, \u{0}binary\u{ff} world".utf8) + (0...255).map { UInt8($0) }

    /// Asks for an upload URL and returns it (absolute).
    static func uploadURL(_ client: Client, _ fixture: TestFixture, _ project: String, name: String = "photo.png") async throws -> String {
        let r = try await getUploadURL(client, key: fixture.adminKey, project: project, name: name)
        expectSuccess(r, 201)
        return try #require(r.data["uploadUrl"]?.stringValue)
    }

    @Test("upload with the signed URL and no API key, then read it back through getSignedUrl")
    func roundTrip() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            let upload = try await Self.uploadURL(client, fixture, id)
            #expect(upload.hasPrefix("http://localhost/files/\(id)/assets/photo.png?op=put&expires="))
            let put = try await putFile(client, upload, bytes: Self.bytes)
            #expect(put.status == 200, "\(put.body)")
            let stable = String(upload.prefix { $0 != "?" })
            let signed = try await getSignedURL(client, key: fixture.adminKey, url: stable)
            expectSuccess(signed, 201)
            let readURL = try #require(signed.data["signedUrl"]?.stringValue)
            #expect(readURL.hasPrefix(stable + "?op=get&"))
            let file = try await getFile(client, readURL)
            #expect(file.status == 200)
            #expect(file.bytes == Self.bytes)
            let byName = try await client.api(.get, "/v2/getSignedUrl?name=\(q(pathAndQuery(stable)))", key: fixture.adminKey)
            #expect(try await getFile(client, try #require(byName.data["signedUrl"]?.stringValue)).bytes == Self.bytes)
            let external = try await getSignedURL(client, key: fixture.adminKey, url: "https://bucket.example/x.png")
            #expect(external.data["signedUrl"] == "https://bucket.example/x.png")
        }
    }

    @Test("reading or writing without a valid signature is 403")
    func signaturesRequired() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            let upload = try await Self.uploadURL(client, fixture, id)
            #expect(try await putFile(client, upload, bytes: Self.bytes).status == 200)
            let stable = String(upload.prefix { $0 != "?" })
            let readURL = try #require(try await getSignedURL(client, key: fixture.adminKey, url: stable).data["signedUrl"]?.stringValue)
            #expect(try await getFile(client, stable).status == 403)
            let last = readURL.last == "0" ? "1" : "0"
            #expect(try await getFile(client, String(readURL.dropLast()) + last).status == 403)
            #expect(try await getFile(client, readURL.replacingOccurrences(of: "expires=", with: "expires=9")).status == 403)
            #expect(try await getFile(client, upload).status == 403)
            let putWithGet = try await putFile(client, readURL, bytes: [1, 2, 3])
            #expect(putWithGet.status == 403)
            #expect(try await putFile(client, stable, bytes: [1]).status == 403)
            #expect(try await getFile(client, readURL).bytes == Self.bytes)
            let otherName = upload.replacingOccurrences(of: "/photo.png?", with: "/other.png?")
            #expect(try await putFile(client, otherName, bytes: [1]).status == 403)
        }
    }

    @Test("unsafe names, bad types and foreign projects are refused", arguments: ["..", "a/b", ".hidden", "", "a b.png", "..%2F..%2Fetc"])
    func unsafeNames(name: String) async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            let r = try await getUploadURL(client, key: fixture.adminKey, project: id, name: name)
            expectFail(r, 400)
        }
    }

    @Test("getUploadUrl checks the type and the project")
    func typeAndProject() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            expectFail(try await getUploadURL(client, key: fixture.adminKey, project: id, name: "x.png", type: "secrets"), 400, "type must be one of")
            expectFail(try await getUploadURL(client, key: fixture.adminKey, project: unknownID, name: "x.png"), 404)
            expectFail(try await getUploadURL(client, key: fixture.outsiderKey, project: id, name: "x.png"), 404)
            expectFail(try await getUploadURL(client, key: fixture.adminKey, project: "../..", name: "x.png"), 400, "project must be")
            expectFail(try await client.api(.get, "/v2/getUploadUrl?name=x.png", key: fixture.adminKey), 400, "project and name are required")
            let upload = try await Self.uploadURL(client, fixture, id)
            let stable = String(upload.prefix { $0 != "?" })
            expectFail(try await getSignedURL(client, key: fixture.outsiderKey, url: stable), 404)
            let dotted = try await putFile(client, "/files/\(id)/assets/.hidden?op=put&expires=9999999999&sig=00", bytes: [1])
            #expect(dotted.status == 400)
        }
    }

    @Test("an upload over maxUploadBytes is 413 and leaves no file behind")
    func oversizeUpload() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            let upload = try await Self.uploadURL(client, fixture, id, name: "big.bin")
            let put = try await putFile(client, upload, bytes: [UInt8](repeating: 7, count: (1 << 20) + 1))
            #expect(put.status == 413)
            let body = try JSONParser.parse(put.body)
            #expect(body["status"] == "fail")
            #expect(body["message"]?.stringValue?.isEmpty == false)
            let readURL = try #require(try await getSignedURL(client, key: fixture.adminKey, url: String(upload.prefix { item in item != "?" })).data["signedUrl"]?.stringValue)
            #expect(try await getFile(client, readURL).status == 404)
            #expect(try await putFile(client, upload, bytes: [UInt8](repeating: 7, count: 1 << 20)).status == 200)
            #expect(try await getFile(client, readURL).bytes.count == 1 << 20)
        }
    }
}
