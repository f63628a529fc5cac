import Foundation
import GlossCore
import GlossServer
import GlossTesting
import Testing

@Suite("Notifications: sent by people, by assignment and by finished exports; read by their receiver")
struct NotificationRouteTests {
    @Test("send_notification reaches organization members only, as sent by the caller; reading clears the count")
    func sendAndRead() async throws {
        try await withTestApp { c, fixture, runtime in
            let mia = try await addOrgMember(runtime, fixture, email: "mia@n.test", role: .member)
            let sent = try await c.api(.post, "/v2/notifications", key: fixture.adminKey, body: #"""
                {"receivers":["mia@n.test"],"message":"Batch 3 is ready","title":"Heads up","clickableLink":"https://example.com/doc"}
                """#)
            try requireStatus(sent, 201)
            #expect(sent.data["sent"] == 1)
            let inbox = try await c.api(.get, "/v2/notifications", key: mia)
            #expect(inbox.data["unread"] == 1)
            let item = inbox.data["notifications"]?[0]
            #expect(item?["sentBy"] == "admin@gloss.test" && item?["title"] == "Heads up" && item?["clickableLink"] == "https://example.com/doc")
            try requireStatus(try await c.api(.post, "/v2/notifications/read", key: mia, body: #"{"all":true}"#), 200)
            #expect(try await c.api(.get, "/v2/notifications", key: mia).data["unread"] == 0)
            #expect(try await c.api(.get, "/v2/notifications?unread=true", key: mia).data["notifications"]?.arrayValue?.isEmpty == true)

            expectFail(try await c.api(.post, "/v2/notifications", key: fixture.adminKey, body: #"{"receivers":["outsider@other.test"],"message":"hi"}"#), 400, "outsider@other.test")
            expectFail(try await c.api(.post, "/v2/notifications", key: fixture.adminKey, body: #"{"receivers":["mia@n.test"],"message":"hi","clickableLink":"javascript:alert(1)"}"#), 400, "clickableLink")
            expectFail(try await c.api(.post, "/v2/notifications", key: fixture.adminKey, body: #"{"receivers":[],"message":"hi"}"#), 400, "receivers")
            expectFail(try await c.api(.post, "/v2/notifications", key: fixture.adminKey, body: #"{"receivers":["mia@n.test"]}"#), 400, "message")
            // Nothing of the failed sends arrived.
            #expect(try await c.api(.get, "/v2/notifications", key: mia).data["notifications"]?.arrayValue?.count == 1)
        }
    }

    @Test("assigning tasks notifies the assignee; a finished export notifies whoever started it unless doNotNotify")
    func systemNotifications() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: labelReviewStages, members: ["lab@n.test": "Labeler"], assets: ["a", "b"])
            let tasks = try await allTasks(c, key: fixture.adminKey, p.id).compactMap { $0["_id"]?.stringValue }
            try requireStatus(try await assignTasks(c, key: fixture.adminKey, body: #"{"project":"\#(p.id)","tasks":["\#(tasks[0])","\#(tasks[1])"],"user":"lab@n.test"}"#), 200)
            let inbox = try await c.api(.get, "/v2/notifications", key: p.key("lab@n.test"))
            #expect(inbox.data["notifications"]?[0]?["kind"] == "taskAssigned")
            #expect(inbox.data["notifications"]?[0]?["message"]?.stringValue?.contains("2 tasks") == true)

            _ = try await exportJSON(c, key: fixture.adminKey, p.id, query: "stage=\(q(#"["Label"]"#))")
            let mine = try await c.api(.get, "/v2/notifications", key: fixture.adminKey)
            #expect(mine.data["notifications"]?[0]?["kind"] == "exportReady")
            _ = try await exportJSON(c, key: fixture.adminKey, p.id, query: "stage=\(q(#"["Label"]"#))&doNotNotify=true")
            #expect(try await c.api(.get, "/v2/notifications", key: fixture.adminKey).data["notifications"]?.arrayValue?.count == 1)
        }
    }
}
