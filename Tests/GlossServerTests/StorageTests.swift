import Foundation
import GlossCore
@testable import GlossServer
import GlossTesting
import Testing

@Suite("Storages: routes, sealed credentials, SigV4")
struct StorageTests {
    @Test("SigV4 presigned GET matches AWS's documented example")
    func presignKnownAnswer() {
        // docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
        let storage = Storage(id: "s", organizationID: "o", name: "aws", provider: .aws, bucket: "examplebucket", region: "us-east-1",
                              endpoint: "https://s3.amazonaws.com", pathStyle: false, sealedCredentials: "", createdAt: 0)
        let signer = S3Signer(storage: storage, credentials: StorageCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE",
                                                                              secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
        let url = signer.presignedGET(bucket: "examplebucket", key: "test.txt", lifetime: 86400, now: Date(timeIntervalSince1970: 1_369_353_600))
        #expect(url.hasPrefix("https://examplebucket.s3.amazonaws.com/test.txt?"))
        #expect(url.contains("X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"))
        #expect(url.hasSuffix("X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"))
    }

    @Test("object URLs name their bucket and key in every common form")
    func objectURLs() {
        #expect(StorageObjectURL.parse("s3://b1/a/b.png", endpoints: []).map { "\($0.bucket)|\($0.key)" } == "b1|a/b.png")
        #expect(StorageObjectURL.parse("https://b2.s3.eu-central-1.amazonaws.com/x/y.jpg", endpoints: []).map { "\($0.bucket)|\($0.key)" } == "b2|x/y.jpg")
        #expect(StorageObjectURL.parse("https://s3.us-east-1.amazonaws.com/b3/k.png", endpoints: []).map { "\($0.bucket)|\($0.key)" } == "b3|k.png")
        #expect(StorageObjectURL.parse("http://127.0.0.1:9000/b4/d/e.png", endpoints: ["http://127.0.0.1:9000"]).map { "\($0.bucket)|\($0.key)" } == "b4|d/e.png")
        #expect(StorageObjectURL.parse("https://cdn.example.com/a.png", endpoints: []) == nil)
    }

    @Test("credentials are sealed with the server key; another key cannot open them; no key refuses to store")
    func sealing() throws {
        let box = AESSecretBox(key: Array(repeating: 1, count: 32))
        let sealed = try box.seal("secret-value")
        #expect(!sealed.contains("secret-value"))
        #expect(try box.open(sealed) == "secret-value")
        #expect(throws: DomainError.self) { try AESSecretBox(key: Array(repeating: 2, count: 32)).open(sealed) }
        #expect(throws: DomainError.self) { try AESSecretBox(key: nil).seal("x") }
    }

    @Test("admins create storages in either dialect; everyone lists them without secrets; names are unique; only admins delete")
    func routes() async throws {
        try await withTestApp { c, fixture, runtime in
            let admin = fixture.adminKey
            let sdkStyle = try await c.api(.post, "/v2/storages/", key: admin, body: #"""
                {"name":"aws-main","provider":"AWS","publicKey":"AKIAEXAMPLE","privateKey":"very-secret-key","region":"us-east-1","credentials":null}
                """#)
            try requireStatus(sdkStyle, 201)
            #expect(sdkStyle.data["storage"]?["type"] == "aws" && sdkStyle.data["storage"]?["provider"] == "AWS")
            #expect(!sdkStyle.text.contains("very-secret-key") && !sdkStyle.text.contains("AKIAEXAMPLE"))
            let oaStyle = try await c.api(.post, "/v2/storages", key: admin, body: #"""
                {"name":"minio","type":"aws","bucket":"media","endpoint":"http://127.0.0.1:9000/","credentials":{"accessKeyId":"minio","secretAccessKey":"minio-secret"}}
                """#)
            try requireStatus(oaStyle, 201)
            #expect(oaStyle.data["storage"]?["endpoint"] == "http://127.0.0.1:9000" && oaStyle.data["storage"]?["pathStyle"] == true)

            let member = try await addOrgMember(runtime, fixture, email: "m@s.test", role: .member)
            let listed = try await c.api(.get, "/v2/storages", key: member)
            #expect(listed.data["storages"]?.strings("name") == ["aws-main", "minio"])
            #expect(!listed.text.contains("secret"))
            let id = try #require(oaStyle.data["storage"]?["_id"]?.stringValue)
            #expect(try await c.api(.get, "/v2/storages?_id=\(id)", key: member).data["storages"]?.strings("name") == ["minio"])
            let stored = try await runtime.stores.database.read { db in
                try await db.raw("SELECT sealed_credentials FROM storages").all().map { try $0.decode(column: "sealed_credentials", as: String.self) }
            }
            #expect(stored.count == 2 && stored.allSatisfy { !$0.contains("secret") })

            expectFail(try await c.api(.post, "/v2/storages", key: admin, body: #"{"name":"minio","provider":"AWS","publicKey":"a","privateKey":"b"}"#), 409, "already exists")
            expectFail(try await c.api(.post, "/v2/storages", key: admin, body: #"{"name":"x","provider":"AWS"}"#), 400, "credentials")
            expectFail(try await c.api(.post, "/v2/storages", key: admin, body: #"{"name":"x","provider":"GCP","publicKey":"a","privateKey":"b"}"#), 400, "GCP")
            expectFail(try await c.api(.post, "/v2/storages", key: admin, body: #"{"name":"x","provider":"AWS","publicKey":"a","privateKey":"b","endpoint":"ftp://h"}"#), 400, "endpoint")
            expectFail(try await c.api(.post, "/v2/storages", key: member, body: #"{"name":"y","provider":"AWS","publicKey":"a","privateKey":"b"}"#), 403, "Admin")
            expectFail(try await c.api(.delete, "/v2/storages/\(id)", key: member), 403, "Admin")
            expectFail(try await c.api(.delete, "/v2/storages/\(id)", key: fixture.outsiderKey), 404, "not found")
            #expect(try await c.api(.get, "/v2/storages", key: fixture.outsiderKey).data["storages"]?.arrayValue?.isEmpty == true)
            try requireStatus(try await c.api(.delete, "/v2/storages/\(id)", key: admin), 200)
            #expect(try await c.api(.get, "/v2/storages", key: admin).data["storages"]?.strings("name") == ["aws-main"])
        }
    }

    @Test("getSignedUrl presigns objects of the organization's storages and leaves other URLs alone")
    func signing() async throws {
        try await withTestApp { c, fixture, runtime in
            let admin = fixture.adminKey
            try requireStatus(try await c.api(.post, "/v2/storages", key: admin, body: #"""
                {"name":"minio","type":"aws","bucket":"media","region":"us-east-1","endpoint":"http://127.0.0.1:9000","credentials":{"accessKeyId":"AK","secretAccessKey":"SK"}}
                """#), 201)
            let signed = try await c.api(.get, "/v2/getSignedUrl?url=" + q("http://127.0.0.1:9000/media/a/b.png"), key: admin)
            let url = try #require(signed.data["signedUrl"]?.stringValue)
            #expect(url.hasPrefix("http://127.0.0.1:9000/media/a/b.png?X-Amz-Algorithm=AWS4-HMAC-SHA256"))
            #expect(url.contains("X-Amz-Signature="))
            let s3 = try await c.api(.get, "/v2/getSignedUrl?url=" + q("s3://media/c.png"), key: admin)
            #expect(s3.data["signedUrl"]?.stringValue?.hasPrefix("http://127.0.0.1:9000/media/c.png?") == true)
            let public_ = try await c.api(.get, "/v2/getSignedUrl?url=" + q("https://cdn.example.com/a.png"), key: admin)
            #expect(public_.data["signedUrl"] == "https://cdn.example.com/a.png")
            // Another organization's key does not get org A's storages to sign for it.
            let other = try await c.api(.get, "/v2/getSignedUrl?url=" + q("s3://media/c.png"), key: fixture.outsiderKey)
            #expect(other.data["signedUrl"] == "s3://media/c.png")
        }
    }
}
