import Foundation
import GlossCore
import GlossServer
import GlossTesting
import Testing

func createIssue(_ c: Client, key: String, body: String) async throws -> TestJSONResponse {
    try await c.api(.post, "/v2/issues", key: key, body: body)
}
func listIssues(_ c: Client, key: String, query: String) async throws -> TestJSONResponse {
    try await c.api(.get, "/v2/issues?\(query)", key: key)
}
func updateIssue(_ c: Client, key: String, _ id: String, body: String) async throws -> TestJSONResponse {
    try await c.api(.post, "/v2/issues/\(id)", key: key, body: body)
}
func openIssuesCount(_ c: Client, key: String, _ task: String) async throws -> Int? {
    try await fetchTask(c, key: key, task)["openIssuesCount"]?.intValue
}

/// A Label → Review project with one task, a labeler, a reviewer and a lead.
struct IssueProject {
    let project: WorkflowProject
    let task: String
    static func make(_ c: Client, _ runtime: GlossRuntime, _ fixture: TestFixture, settings: String = "") async throws -> IssueProject {
        let p = try await WorkflowProject.make(c, runtime, fixture, stages: labelReviewStages, settings: settings,
                                               members: ["lab@i.test": "Labeler", "rev@i.test": "Reviewer", "lead@i.test": "Lead",
                                                         "other@i.test": "Labeler"], assets: ["a"])
        let task = try await claimID(c, key: p.key("lab@i.test"), p.id)
        return IssueProject(project: p, task: task)
    }
    func key(_ email: String) -> String { project.key(email) }
}

@Suite("Issues: raise, list, change, reply, delete, and the open-issue count")
struct IssueRouteTests {
    @Test("an issue's life: raised Open, counted on the task, resolved, reopened, closed, deleted")
    func lifecycle() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await IssueProject.make(c, runtime, fixture)
            let created = try await createIssue(c, key: p.key("lab@i.test"), body: #"""
                {"labelTask":"\#(p.task)","content":"Box too loose","position":"[25, 15]","page":2,"pageEnd":4,"dataIndex":1,"plane":"A"}
                """#)
            try requireStatus(created, 201)
            let issue = created.data["issue"] ?? .null
            let id = try #require(issue["_id"]?.stringValue)
            #expect(issue["status"] == "Open")
            #expect(issue["position"] == "[25, 15]")
            #expect(issue["page"] == 2 && issue["pageEnd"] == 4 && issue["dataIndex"] == 1 && issue["plane"] == "A")
            #expect(issue["stage"] == "Label")
            #expect(issue["createdBy"] == "lab@i.test")
            #expect(try await openIssuesCount(c, key: fixture.adminKey, p.task) == 1)

            let resolved = try await updateIssue(c, key: p.key("lab@i.test"), id, body: #"{"status":"Resolved"}"#)
            try requireStatus(resolved, 200)
            #expect(resolved.data["issue"]?["resolvedBy"] == "lab@i.test")
            #expect(try await openIssuesCount(c, key: fixture.adminKey, p.task) == 0)
            // Resolving again changes nothing in the count.
            try requireStatus(try await updateIssue(c, key: p.key("lab@i.test"), id, body: #"{"status":"resolved"}"#), 200)
            #expect(try await openIssuesCount(c, key: fixture.adminKey, p.task) == 0)
            try requireStatus(try await updateIssue(c, key: p.key("lead@i.test"), id, body: #"{"status":"Open"}"#), 200)
            #expect(try await openIssuesCount(c, key: fixture.adminKey, p.task) == 1)

            let commented = try await c.api(.post, "/v2/issues/\(id)/comment", key: p.key("rev@i.test"), body: #"{"content":"Agreed"}"#)
            try requireStatus(commented, 200)
            #expect(commented.data["issue"]?["comments"]?.arrayValue?.count == 1)
            #expect(commented.data["issue"]?["comments"]?[0]?["createdBy"] == "rev@i.test")

            let deleted = try await c.api(.delete, "/v2/issues/\(id)?project=\(p.project.id)", key: p.key("lab@i.test"))
            try requireStatus(deleted, 200)
            #expect(try await openIssuesCount(c, key: fixture.adminKey, p.task) == 0)
            expectFail(try await updateIssue(c, key: fixture.adminKey, id, body: #"{"status":"Open"}"#), 404, "not found")
        }
    }

    @Test("bad issue input is a 400 naming the field, and nothing is written")
    func badInput() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await IssueProject.make(c, runtime, fixture)
            let key = p.key("lab@i.test")
            let t = p.task
            expectFail(try await createIssue(c, key: key, body: #"{"labelTask":"\#(t)","content":"x","objectId":"o1","position":"[1, 2]"}"#), 400, "objectId cannot be combined")
            expectFail(try await createIssue(c, key: key, body: #"{"labelTask":"\#(t)","content":"x","objectId":"o1","page":0}"#), 400, "page")
            expectFail(try await createIssue(c, key: key, body: #"{"labelTask":"\#(t)","content":"x","pageEnd":3}"#), 400, "pageEnd requires page")
            expectFail(try await createIssue(c, key: key, body: #"{"labelTask":"\#(t)","content":"x","page":-1}"#), 400, "page")
            expectFail(try await createIssue(c, key: key, body: #"{"labelTask":"\#(t)","content":"x","plane":"Q"}"#), 400, "plane")
            expectFail(try await createIssue(c, key: key, body: #"{"labelTask":"\#(t)","content":""}"#), 400, "content")
            expectFail(try await createIssue(c, key: key, body: #"{"content":"x"}"#), 400, "labelTask")
            expectFail(try await createIssue(c, key: key, body: #"{"labelTask":"\#(t)","content":"x","contentMentions":["nobody@nowhere.test"]}"#), 400, "nobody@nowhere.test")
            expectFail(try await createIssue(c, key: key, body: #"{"labelTask":"\#(t)","content":"x","errorCodes":[{"category":"Wrong","name":"Class"}]}"#), 400, "errorCodesEnabled")
            expectFail(try await createIssue(c, key: key, body: #"{"labelTask":"\#(unknownID)","content":"x"}"#), 404, "not found")
            // An object-bound issue is fine on its own.
            let object = try await createIssue(c, key: key, body: #"{"labelTask":"\#(t)","content":"x","objectId":"o1"}"#)
            try requireStatus(object, 201)
            #expect(object.data["issue"]?["objectId"] == "o1")
            #expect(try await listIssues(c, key: fixture.adminKey, query: "project=\(p.project.id)").data["issue"]?.arrayValue?.count == 1)
            #expect(try await openIssuesCount(c, key: fixture.adminKey, t) == 1)
            expectFail(try await updateIssue(c, key: key, object.data["issue"]!["_id"]!.stringValue!, body: #"{"status":"Done"}"#), 400, "status")
        }
    }

    @Test("error codes follow the project's error schema when error codes are on")
    func errorCodes() async throws {
        try await withTestApp { c, fixture, runtime in
            let schema = #"{"categories":[{"name":"Wrong","codes":[{"name":"Wrong class","key":"W1"}]},{"name":"Missing"}]}"#
            let p = try await IssueProject.make(c, runtime, fixture, settings: #""errorCodesEnabled":true,"errorSchema":\#(schema)"#)
            let key = p.key("lab@i.test")
            let ok = try await createIssue(c, key: key, body: #"""
                {"labelTask":"\#(p.task)","content":"x","errorCodes":[{"category":"wrong","name":"x","key":"W1"},{"category":"Missing","name":"Car"}]}
                """#)
            try requireStatus(ok, 201)
            let codes = ok.data["issue"]?["errorCodes"]?.arrayValue ?? []
            #expect(codes.count == 2)
            #expect(codes.first?["category"] == "Wrong" && codes.first?["name"] == "Wrong class" && codes.first?["key"] == "W1")
            #expect(ok.data["issue"]?["errorType"] == "Wrong")
            expectFail(try await createIssue(c, key: key, body: #"{"labelTask":"\#(p.task)","content":"x","errorCodes":[{"category":"Unqualified","name":"y"}]}"#), 400, "Unqualified")
            expectFail(try await createIssue(c, key: key, body: #"{"labelTask":"\#(p.task)","content":"x","errorCodes":[{"category":"Wrong","name":"Other"}]}"#), 400, "Other")
            expectFail(try await updateProject(c, key: fixture.adminKey, p.project.id, body: #"{"errorSchema":{"categories":[{"codes":[]}]}}"#), 400, "errorSchema")
        }
    }

    @Test("Labelers see and change only their own issues; Leads manage anyone's")
    func ownership() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await IssueProject.make(c, runtime, fixture)
            let byLead = try await createIssue(c, key: p.key("lead@i.test"), body: #"{"labelTask":"\#(p.task)","content":"lead's"}"#)
            try requireStatus(byLead, 201)
            let leadIssue = byLead.data["issue"]!["_id"]!.stringValue!
            let byLabeler = try await createIssue(c, key: p.key("lab@i.test"), body: #"{"labelTask":"\#(p.task)","content":"mine"}"#)
            let labelerIssue = byLabeler.data["issue"]!["_id"]!.stringValue!
            let mention = try await createIssue(c, key: p.key("rev@i.test"), body: #"{"labelTask":"\#(p.task)","content":"see","contentMentions":["lab@i.test"]}"#)
            try requireStatus(mention, 201)

            let seen = try await listIssues(c, key: p.key("lab@i.test"), query: "project=\(p.project.id)")
            #expect(Set(seen.data["issue"]?.strings("content") ?? []) == ["mine", "see"])
            #expect(try await listIssues(c, key: p.key("lead@i.test"), query: "project=\(p.project.id)").data["issue"]?.arrayValue?.count == 3)
            // The other labeler holds no task and is in no issue: they see nothing.
            #expect(try await listIssues(c, key: p.key("other@i.test"), query: "project=\(p.project.id)").data["issue"]?.arrayValue?.count == 0)
            // On a task they hold, a Labeler sees every issue (why the task came back) but changes only their own.
            #expect(try await listIssues(c, key: p.key("lab@i.test"), query: "project=\(p.project.id)&labelTask=\(p.task)").data["total"] == 3)
            expectFail(try await updateIssue(c, key: p.key("lab@i.test"), leadIssue, body: #"{"status":"Resolved"}"#), 403, "Lead")
            expectFail(try await updateIssue(c, key: p.key("other@i.test"), leadIssue, body: #"{"status":"Resolved"}"#), 404, "not found")
            // One issue by id, for whoever may see it.
            #expect(try await c.api(.get, "/v2/issues/\(leadIssue)", key: p.key("lab@i.test")).data["issue"]?["content"] == "lead's")
            expectFail(try await c.api(.get, "/v2/issues/\(leadIssue)", key: p.key("other@i.test")), 404, "not found")
            expectFail(try await updateIssue(c, key: p.key("rev@i.test"), labelerIssue, body: #"{"status":"Resolved"}"#), 403, "Lead")
            expectFail(try await c.api(.delete, "/v2/issues/\(labelerIssue)", key: p.key("rev@i.test")), 403, "Lead")
            try requireStatus(try await updateIssue(c, key: p.key("lead@i.test"), labelerIssue, body: #"{"content":"edited by lead"}"#), 200)
            try requireStatus(try await c.api(.delete, "/v2/issues/\(leadIssue)", key: p.key("lead@i.test")), 200)
            // Filters.
            let byCreator = try await listIssues(c, key: fixture.adminKey, query: "project=\(p.project.id)&createdBy=rev@i.test")
            #expect(byCreator.data["issue"]?.strings("content") == ["see"])
            #expect(try await listIssues(c, key: fixture.adminKey, query: "project=\(p.project.id)&labelTask=\(p.task)&stage=Label").data["total"] == 2)
            #expect(try await listIssues(c, key: fixture.adminKey, query: "project=\(p.project.id)&stage=Review").data["total"] == 0)
            // Another organization never sees them.
            expectFail(try await listIssues(c, key: fixture.outsiderKey, query: "project=\(p.project.id)"), 404, "not found")
            expectFail(try await updateIssue(c, key: fixture.outsiderKey, labelerIssue, body: #"{"status":"Closed"}"#), 404, "not found")
        }
    }

    @Test("mentions notify the people mentioned, in issues and in replies")
    func mentionsNotify() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await IssueProject.make(c, runtime, fixture)
            let created = try await createIssue(c, key: p.key("rev@i.test"), body: #"""
                {"labelTask":"\#(p.task)","content":"Please check the car","contentMentions":["LAB@i.test","rev@i.test"]}
                """#)
            try requireStatus(created, 201)
            #expect(created.data["issue"]?["contentMentions"]?[0]?["userEmail"] == "lab@i.test")
            let inbox = try await c.api(.get, "/v2/notifications", key: p.key("lab@i.test"))
            #expect(inbox.data["unread"] == 1)
            #expect(inbox.data["notifications"]?[0]?["kind"] == "mention")
            #expect(inbox.data["notifications"]?[0]?["message"]?.stringValue?.contains("Please check the car") == true)
            // The author is not notified of their own mention.
            #expect(try await c.api(.get, "/v2/notifications", key: p.key("rev@i.test")).data["unread"] == 0)
            let id = created.data["issue"]!["_id"]!.stringValue!
            try requireStatus(try await c.api(.post, "/v2/issues/\(id)/comment", key: p.key("lab@i.test"),
                                              body: #"{"content":"Fixed","contentMentions":["lead@i.test"]}"#), 200)
            #expect(try await c.api(.get, "/v2/notifications", key: p.key("lead@i.test")).data["unread"] == 1)
        }
    }

    @Test("Reject with an issue opens it in the same step; an invalid issue rejects nothing",
          arguments: TestBackend.available)
    func rejectWithIssue(backend: TestBackend) async throws {
        try await withTestApp(backend) { c, fixture, runtime in
            let p = try await IssueProject.make(c, runtime, fixture)
            try requireStatus(try await submitTask(c, key: p.key("lab@i.test"), p.task), 200)
            let claimed = try await claimID(c, key: p.key("rev@i.test"), p.project.id, kind: "review")
            #expect(claimed == p.task)
            expectFail(try await reviewTask(c, key: p.key("rev@i.test"), p.task, "Rejected", extra: #","issue":{"content":"","objectId":"o1"}"#), 400, "content")
            #expect(try await fetchTask(c, key: fixture.adminKey, p.task)["stage"] == "Review")
            expectFail(try await reviewTask(c, key: p.key("rev@i.test"), p.task, "Accepted", extra: #","issue":{"content":"x"}"#), 400, "Rejected")
            let rejected = try await reviewTask(c, key: p.key("rev@i.test"), p.task, "Rejected",
                                                extra: #","issue":{"content":"Missed a car","objectId":"o9","contentMentions":["lead@i.test"]}"#)
            try requireStatus(rejected, 200)
            #expect(rejected.data["task"]?["stage"] == "Label")
            let task = try await fetchTask(c, key: fixture.adminKey, p.task)
            #expect(task["openIssuesCount"] == 1)
            let issues = try await listIssues(c, key: fixture.adminKey, query: "project=\(p.project.id)")
            #expect(issues.data["issue"]?[0]?["stage"] == "Review")
            #expect(issues.data["issue"]?[0]?["createdBy"] == "rev@i.test")
            // Its mention was written with it.
            #expect(try await c.api(.get, "/v2/notifications", key: p.key("lead@i.test")).data["unread"] == 1)
        }
    }

    @Test("openIssuesCount stays exact under concurrent opening, resolving and deleting", arguments: TestBackend.available)
    func concurrentCount(backend: TestBackend) async throws {
        try await withTestApp(backend) { c, fixture, runtime in
            let p = try await IssueProject.make(c, runtime, fixture)
            let admin = fixture.adminKey
            let task = p.task
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for i in 0..<40 {
                    group.addTask {
                        let r = try await createIssue(c, key: admin, body: #"{"labelTask":"\#(task)","content":"issue \#(i)"}"#)
                        try requireStatus(r, 201)
                        return r.data["issue"]!["_id"]!.stringValue!
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(try await openIssuesCount(c, key: admin, task) == 40)
            // Each of the first 20 is resolved by two callers at once, and 10 more are deleted while that runs.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in ids.prefix(20) {
                    for _ in 0..<2 {
                        group.addTask { try requireStatus(try await updateIssue(c, key: admin, id, body: #"{"status":"Resolved"}"#), 200) }
                    }
                }
                for id in ids.suffix(10) {
                    group.addTask { try requireStatus(try await c.api(.delete, "/v2/issues/\(id)", key: admin), 200) }
                }
                try await group.waitForAll()
            }
            #expect(try await openIssuesCount(c, key: admin, task) == 10)
            let open = try await listIssues(c, key: admin, query: "project=\(p.project.id)&status=Open")
            #expect(open.data["total"] == 10)
        }
    }

    @Test("type=issue exports the project's issues with their asset")
    func issueExport() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await IssueProject.make(c, runtime, fixture)
            try requireStatus(try await createIssue(c, key: p.key("lab@i.test"), body: #"{"labelTask":"\#(p.task)","content":"first"}"#), 201)
            try requireStatus(try await createIssue(c, key: p.key("lead@i.test"), body: #"{"labelTask":"\#(p.task)","content":"second","objectId":"o1"}"#), 201)
            let exported = try await exportJSON(c, key: fixture.adminKey, p.project.id, query: "type=issue")
            #expect(exported.map { $0["content"]?.stringValue } == ["first", "second"])
            #expect(exported.first?["asset"]?["externalId"] == "a")
            #expect(exported.first?["labelTask"]?.stringValue == p.task)
            #expect(exported.last?["objectId"] == "o1")
            // Only Managers export.
            expectFail(try await c.api(.get, "/v2/export?project=\(p.project.id)&type=issue", key: p.key("lead@i.test")), 403, "Manager")
        }
    }
}
