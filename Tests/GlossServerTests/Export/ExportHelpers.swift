import Foundation
import GlossCore
import GlossServer
import GlossTesting
import Testing

// Export helpers: start an export, download its zip with no API key, read the first member.

func startExport(_ c: Client, key: String, _ project: String, query: String = "") async throws -> TestJSONResponse {
    try await c.api(.get, "/v2/export?project=\(project)" + (query.isEmpty ? "" : "&\(query)"), key: key)
}

/// Runs an export to the end and returns the zip's members.
func exportZip(_ c: Client, key: String, _ project: String, query: String = "") async throws -> ZipReader {
    let started = try await startExport(c, key: key, project, query: query)
    try requireStatus(started, 200)
    let url = try #require(started.data["exportPath"]?.stringValue)
    let file = try await getFile(c, url)
    #expect(file.status == 200)
    return try ZipReader(file.bytes)
}

/// The exported assets of a JSON export (the zip's first member).
func exportJSON(_ c: Client, key: String, _ project: String, query: String = "") async throws -> [JSONValue] {
    let zip = try await exportZip(c, key: key, project, query: query)
    let first = try #require(zip.members.first)
    return try #require(try JSONParser.parse(first.bytes).arrayValue)
}

/// Start -> Label -> Complete with a box tool and a radio classification.
let exportSchema = #"""
{"tools":[{"schemaId":"box","title":"Car","tool":"bounding-box","classifications":[]}],
 "classifications":[{"schemaId":"kind","title":"Kind","tool":"radio","options":[{"value":"day","schemaId":"d"},{"value":"night","schemaId":"n"}]}],
 "relations":[]}
"""#

/// A labeled answer for `/annotate` (box width from `w`).
func boxAnswer(_ w: Int) -> String {
    #"{"answer":{"objects":[{"schemaId":"box","objectId":"o\#(w)","bounding-box":{"x":1,"y":2,"width":\#(w),"height":4}}],"classifications":[{"schemaId":"kind","answer":"day"}],"relations":[]}}"#
}

/// A project whose first `labeled` of `externalIDs` are annotated and sent to Complete.
func labeledProject(_ c: Client, _ runtime: GlossRuntime, _ fixture: TestFixture, _ externalIDs: [String], labeled: Int,
                    members: [String: String] = [:], extra: [String: JSONValue] = [:]) async throws -> WorkflowProject {
    let project = try await WorkflowProject.make(c, runtime, fixture, stages: #"""
        [{"id":"Start","type":"Start","next":["Label"],"autoForward":true},
         {"id":"Label","name":"Labeling","type":"Label","next":["Complete"]},
         {"id":"Complete","name":"Done","type":"Complete","next":[]}]
        """#, schema: exportSchema, members: members)
    if !externalIDs.isEmpty { try await importExternalIDs(c, key: fixture.adminKey, project.id, externalIDs, extra: extra) }
    // The list is newest first; reversed, it is import order.
    let tasks = Array(try await allTasks(c, key: fixture.adminKey, project.id).reversed())
    for (index, task) in tasks.prefix(labeled).enumerated() {
        let id = try #require(task["_id"]?.stringValue)
        expectSuccess(try await annotateTask(c, key: fixture.adminKey, id, query: "nextStage=true", body: boxAnswer(10 + index)))
    }
    return project
}
