import Foundation
import GlossCore
@testable import GlossServer
import GlossTesting
import Testing

/// Rules found missing in review: who may change a task, a role, a secret, an account.
@Suite("Edit rights: held tasks, stage secrets, Lead limits, invites, presigning")
struct EditRightsTests {
    @Test("a task held by someone else, or finished, is changed only by its holder or a Lead and above")
    func heldTasks() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: labelReviewStages,
                                                   members: ["lab@e.test": "Labeler", "rev@e.test": "Reviewer", "lead@e.test": "Lead"], assets: ["a"])
            let task = try await claimID(c, key: p.key("lab@e.test"), p.id)
            let answer = #"{"answer":{"tools":[],"classifications":[],"relations":[]}}"#
            expectFail(try await saveTask(c, key: p.key("rev@e.test"), task, body: answer), 403, "holder")
            expectFail(try await annotateTask(c, key: p.key("rev@e.test"), task, body: answer), 403, "holder")
            try requireStatus(try await saveTask(c, key: p.key("lead@e.test"), task, body: answer), 200)
            try requireStatus(try await submitTask(c, key: p.key("lab@e.test"), task), 200)
            _ = try await claimID(c, key: p.key("rev@e.test"), p.id, kind: "review")
            try requireStatus(try await reviewTask(c, key: p.key("rev@e.test"), task, "Accepted"), 200)
            // Complete: the labeler still sees it (they worked on it) but may not change it.
            expectFail(try await saveTask(c, key: p.key("lab@e.test"), task, body: answer), 403, "holder")
        }
    }

    @Test("stage secrets are shown only to those who may change the workflow")
    func stageSecrets() async throws {
        try await withTestApp { c, fixture, runtime in
            let stages = #"""
            [{"id":"Start","type":"Start","next":["Hook"],"autoForward":true},
             {"id":"Hook","type":"Webhook","next":["Complete"],"webhook":{"url":"https://hooks.example.com/x","secret":"hook-secret-1"}},
             {"id":"Complete","type":"Complete","next":[]}]
            """#
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: stages, members: ["lab@e.test": "Labeler"])
            let asLabeler = try await getProject(c, key: p.key("lab@e.test"), p.id)
            try requireStatus(asLabeler, 200)
            #expect(!asLabeler.text.contains("hook-secret-1"))
            #expect(asLabeler.data["project"]?["stages"]?[1]?["webhook"]?["url"] == "https://hooks.example.com/x")
            #expect(try await getProject(c, key: fixture.adminKey, p.id).text.contains("hook-secret-1"))
        }
    }

    @Test("a Lead neither grants nor changes Lead and Manager roles")
    func leadLimits() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: labelReviewStages,
                                                   members: ["lead@e.test": "Lead", "boss@e.test": "Manager", "lab@e.test": "Labeler"])
            expectFail(try await assignMembers(c, key: p.key("lead@e.test"), p.id, body: #"{"assignees":["boss@e.test"],"role":"Labeler"}"#), 403, "boss@e.test")
            expectFail(try await assignMembers(c, key: p.key("lead@e.test"), p.id, body: #"{"assignees":["lab@e.test"],"role":"Lead"}"#), 403, "Lead")
            try requireStatus(try await assignMembers(c, key: p.key("lead@e.test"), p.id, body: #"{"assignees":["lab@e.test"],"role":"Reviewer"}"#), 200)
        }
    }

    @Test("an admin's invite cannot take over an account in use (the Owner's, or one with a key)")
    func inviteTakeover() async throws {
        try await withTestApp { c, fixture, runtime in
            let adminTwo = try await addOrgMember(runtime, fixture, email: "second@e.test", role: .admin)
            _ = try await addOrgMember(runtime, fixture, email: "keyed@e.test", role: .member)
            let org = fixture.admin.organizationID
            expectFail(try await c.api(.post, "/v2/organization/\(org)/invites", key: adminTwo, body: #"{"to":["admin@gloss.test"]}"#), 409, "already has an account")
            expectFail(try await c.api(.post, "/v2/organization/\(org)/invites", key: adminTwo, body: #"{"to":["keyed@e.test"]}"#), 409, "already has an account")
            // Someone added to a project before having an account may be invited to set a password.
            let project = try await newProject(c, key: fixture.adminKey)
            try requireStatus(try await assignMembers(c, key: fixture.adminKey, project, body: #"{"assignees":["new@e.test"],"role":"Labeler"}"#), 200)
            try requireStatus(try await c.api(.post, "/v2/organization/\(org)/invites", key: adminTwo, body: #"{"to":["new@e.test"]}"#), 201)
        }
    }

    @Test("presigned storage URLs: admins, or a named project; a Labeler also names their task")
    func presignScope() async throws {
        try await withTestApp { c, fixture, runtime in
            try requireStatus(try await c.api(.post, "/v2/storages", key: fixture.adminKey, body: #"""
                {"name":"minio","type":"aws","bucket":"media","endpoint":"http://127.0.0.1:9000","credentials":{"accessKeyId":"AK","secretAccessKey":"SK"}}
                """#), 201)
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: labelReviewStages, members: ["lab@e.test": "Labeler", "rev@e.test": "Reviewer"])
            try requireStatus(try await importAssets(c, key: fixture.adminKey, p.id, body: #"{"assets":[{"data":"s3://media/one.png","externalId":"one"},{"data":"s3://media/two.png","externalId":"two"}]}"#), 201)
            let task = try await claimID(c, key: p.key("lab@e.test"), p.id)
            let mine = try await fetchTask(c, key: fixture.adminKey, task)["externalId"]?.stringValue == "one" ? "s3://media/one.png" : "s3://media/two.png"
            let other = mine.hasSuffix("one.png") ? "s3://media/two.png" : "s3://media/one.png"
            func sign(_ key: String, _ url: String, _ extra: String = "") async throws -> TestJSONResponse {
                try await c.api(.get, "/v2/getSignedUrl?url=" + q(url) + extra, key: key)
            }
            #expect(try await sign(fixture.adminKey, other).data["signedUrl"]?.stringValue?.contains("X-Amz-Signature=") == true)
            expectFail(try await sign(p.key("rev@e.test"), other), 403, "project")
            #expect(try await sign(p.key("rev@e.test"), other, "&project=\(p.id)").status == 201)
            expectFail(try await sign(p.key("lab@e.test"), mine, "&project=\(p.id)"), 403, "task")
            expectFail(try await sign(p.key("lab@e.test"), other, "&project=\(p.id)&task=\(task)"), 403, "not the asset")
            #expect(try await sign(p.key("lab@e.test"), mine, "&project=\(p.id)&task=\(task)").data["signedUrl"]?.stringValue?.contains("X-Amz-Signature=") == true)
            // Export zips are signed only for those who may export.
            expectFail(try await sign(p.key("rev@e.test"), "/files/\(p.id)/exports/\(unknownID).zip"), 403, "Manager")
            expectFail(try await c.api(.get, "/v2/getUploadUrl?project=\(p.id)&type=exports&name=x.zip", key: fixture.adminKey), 400, "exports")
        }
    }

    @Test("bucket names that start with s3 or contain .s3 are read right")
    func awsHosts() {
        #expect(StorageObjectURL.parse("https://s3assets.s3.eu-west-1.amazonaws.com/a.jpg", endpoints: []).map { "\($0.bucket)|\($0.key)" } == "s3assets|a.jpg")
        #expect(StorageObjectURL.parse("https://logs.s3x.s3.amazonaws.com/k", endpoints: []).map { "\($0.bucket)|\($0.key)" } == "logs.s3x|k")
        #expect(StorageObjectURL.parse("s3://bucket/", endpoints: []) == nil)
    }
}
