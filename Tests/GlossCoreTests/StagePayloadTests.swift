import GlossCore
import Testing

@Suite("Webhook and plugin payloads, stage targets")
struct StagePayloadTests {
    static let schema = json(#"{"tools":[{"tool":"bounding-box","title":"Car","schemaId":"car"}],"classifications":[],"relations":[]}"#)
    static let hook = Stage.make(id: "hook-1", type: .webhook, name: "Notify", next: ["Complete"])

    static func project() -> Project {
        Project(id: "p1", organizationID: "org1", name: "P", description: "", type: .ango, owner: "owner@x.test",
                categorySchema: schema, workflow: .default, members: [], batches: [Batch(id: "b1", name: "First"), Batch(id: "b2", name: "Second")],
                settings: ProjectSettings(), deleted: false, createdAt: 0, updatedAt: 0)
    }

    static func asset(metadata: JSONValue = ["width": 640, "height": 480]) -> Asset {
        Asset(id: "a1", projectID: "p1", externalID: "cat.png", data: "https://cdn.test/cat.png", metadata: metadata,
              contextData: ["note": "hi"], batches: ["b2", "b1"], storage: nil, attachments: [], isPreLabeled: false, createdAt: 0, updatedAt: 0)
    }

    static func task() -> LabelTask {
        var task = LabelTask(id: "t1", projectID: "p1", assetID: "a1", externalID: "cat.png", stage: "Label", batches: ["b2", "b1", "gone"],
                             answer: json(#"{"tools":[{"objectId":"o1","schemaId":"car","bounding-box":{"x":1,"y":2,"width":3,"height":4}}],"classifications":[]}"#),
                             duration: 1500, totalDuration: 4200, updatedBy: "ann@x.test", createdAt: 0, updatedAt: 1_750_000_000_000)
        task.brushDataURL = "https://cdn.test/mask.png"
        return task
    }

    static let history = [
        StageHistoryEntry(id: "h1", taskID: "t1", projectID: "p1", assetID: "a1", stageID: "Start", stageName: "Start",
                          answer: Answer.empty, duration: 0, completedAt: 1_750_000_000_000, completedBy: nil),
        StageHistoryEntry(id: "h2", taskID: "t1", projectID: "p1", assetID: "a1", stageID: "Label", stageName: "Labeling",
                          answer: json(#"{"tools":[],"classifications":[{"schemaId":"c"}],"relations":[]}"#), duration: 1500,
                          completedAt: 1_750_000_001_000, completedBy: "ann@x.test"),
    ]

    @Test("the webhook body has the exported asset plus projectId, schema, overlay, batch ids and names")
    func webhookTopLevel() {
        let body = StagePayload.webhook(project: Self.project(), stage: Self.hook, asset: Self.asset(), task: Self.task(), history: Self.history)
        #expect(body["projectId"] == "p1")
        #expect(body["categorySchema"] == Self.schema)
        #expect(body["asset"] == "https://cdn.test/cat.png")
        #expect(body["assetId"] == "a1")
        #expect(body["dataset"] == [])
        #expect(body["overlay"] == [])
        #expect(body["externalId"] == "cat.png")
        #expect(body["metadata"] == ["width": 640, "height": 480])
        #expect(body["contextData"] == ["note": "hi"])
        #expect(body["batches"] == ["b2", "b1", "gone"])
        #expect(body["batchNames"] == ["Second", "First", "gone"])
    }

    @Test("the webhook task carries the webhook stage, times, answer parts and stage history")
    func webhookTask() throws {
        let body = StagePayload.webhook(project: Self.project(), stage: Self.hook, asset: Self.asset(), task: Self.task(), history: Self.history)
        let task = try #require(body["task"])
        #expect(task["taskId"] == "t1" && task["type"] == "default")
        #expect(task["stage"] == "hook-1" && task["stageId"] == "hook-1" && task["stageName"] == "Notify")
        #expect(task["updatedAt"] == "2025-06-15T15:06:40.000Z" && task["updatedBy"] == "ann@x.test")
        #expect(task["duration"] == 1500 && task["totalDuration"] == 4200)
        for key in ["blurDuration", "idleDuration", "totalBlurDuration", "totalIdleDuration"] { #expect(task[key] == 0, "\(key)") }
        #expect(task["tools"]?.arrayValue?.count == 1)
        #expect(task["classifications"] == [] && task["relations"] == [])
        #expect(task["brushDataUrl"] == "https://cdn.test/mask.png" && task["medicalBrushDataUrl"] == .null)
        #expect(task["consensusScore"] == nil)
        let history = try #require(task["stageHistory"]?.arrayValue)
        #expect(history.count == 2)
        #expect(history[0] == json(#"""
            {"stage":"Start","stageId":"Start","duration":0,"completedAt":"2025-06-15T15:06:40.000Z","tools":[],"classifications":[],"relations":[]}
            """#))
        #expect(history[1]["stage"] == "Labeling" && history[1]["completedBy"] == "ann@x.test")
        #expect(history[1]["classifications"] == [["schemaId": "c"]])
    }

    @Test("consensusScore appears once consensus ran; dataset comes from metadata.dataset")
    func optionalParts() {
        var task = Self.task()
        task.consensusScore = 66.5
        let asset = Self.asset(metadata: ["dataset": ["https://cdn.test/p0.png", "https://cdn.test/p1.png"]])
        let body = StagePayload.webhook(project: Self.project(), stage: Self.hook, asset: asset, task: task, history: [])
        #expect(body["task"]?["consensusScore"] == 66.5)
        #expect(body["dataset"] == ["https://cdn.test/p0.png", "https://cdn.test/p1.png"])
        #expect(body["task"]?["stageHistory"] == [])
    }

    @Test("the plugin body is Ango's workflow plugin event, configJSON as text")
    func pluginBody() {
        let stage = Stage.make(id: "pl", type: .plugin, next: ["Complete"],
                               extra: ["pluginId": "model-7", "configJSON": ["threshold": 0.5], "overwrite": false])
        let body = StagePayload.plugin(project: Self.project(), stage: stage, asset: Self.asset(), task: Self.task(), session: "s1",
                                       runBy: "ann@x.test", apiKey: "gpl_key")
        #expect(body["workflow"] == true && body["session"] == "s1" && body["apiKey"] == "gpl_key")
        #expect(body["taskId"] == "t1" && body["projectId"] == "p1" && body["orgId"] == "org1" && body["runBy"] == "ann@x.test")
        #expect(body["configJSON"] == #"{"threshold":0.5}"#)
        #expect(body["overwrite"] == false)
        #expect(body["batches"] == ["b2", "b1", "gone"])
        #expect(body["dataUrl"] == "https://cdn.test/cat.png" && body["asset"] == "https://cdn.test/cat.png")
        #expect(body["externalId"] == "cat.png" && body["categorySchema"] == Self.schema)
        #expect(body["stageId"] == "pl" && body["pluginId"] == "model-7")
    }

    @Test("configJSON: a string is kept verbatim, `config` is read too, nothing gives {}; overwrite defaults to true")
    func pluginConfigText() {
        let text = Stage.make(id: "a", type: .plugin, next: [], extra: ["configJSON": #"{"a": 1}"#])
        let config = Stage.make(id: "b", type: .plugin, next: [], extra: ["config": ["b": [1, 2]]])
        let none = Stage.make(id: "c", type: .plugin, next: [])
        #expect(PluginTarget.configText(of: text) == #"{"a": 1}"#)
        #expect(PluginTarget.configText(of: config) == #"{"b":[1,2]}"#)
        #expect(PluginTarget.configText(of: none) == "{}")
        #expect(PluginTarget.overwrite(of: none))
    }
}

@Suite("Webhook and plugin stage settings")
struct StageTargetTests {
    static func webhook(_ extra: [String: JSONValue]) -> Stage { Stage.make(id: "w", type: .webhook, name: "Hook", next: ["C"], extra: extra) }
    static func plugin(_ extra: [String: JSONValue]) -> Stage { Stage.make(id: "p", type: .plugin, name: "Model", next: ["C"], extra: extra) }

    @Test("webhook settings are read from `webhook {}` first, then the stage's top level")
    func webhookSources() throws {
        let nested = try WebhookTarget.from(Self.webhook(["webhook": ["url": "https://h.test/a", "authType": "secret", "secret": "s3"],
                                                          "url": "https://ignored.test"]))
        #expect(nested == WebhookTarget(url: "https://h.test/a", auth: .secret("s3")))
        let top = try WebhookTarget.from(Self.webhook(["url": "http://h.test/b", "authType": "Bearer Token", "bearerToken": "tk"]))
        #expect(top == WebhookTarget(url: "http://h.test/b", auth: .bearer("tk")))
        let mixed = try WebhookTarget.from(Self.webhook(["webhook": ["url": "https://h.test/c"], "authType": "bearer", "token": "t2"]))
        #expect(mixed == WebhookTarget(url: "https://h.test/c", auth: .bearer("t2")))
        #expect(try WebhookTarget.from(Self.webhook(["url": "https://h.test", "authType": "No Auth", "secret": "x"])).auth == .none)
    }

    @Test("without authType, a secret means signing and a token means bearer")
    func webhookAuthInferred() throws {
        #expect(try WebhookTarget.from(Self.webhook(["url": "https://h.test", "secret": "s"])).auth == .secret("s"))
        #expect(try WebhookTarget.from(Self.webhook(["url": "https://h.test", "token": "t"])).auth == .bearer("t"))
        #expect(try WebhookTarget.from(Self.webhook(["url": "https://h.test"])).auth == .none)
    }

    @Test("a missing or non-http URL, an unknown auth type or a missing secret/token is refused with the field to set")
    func webhookRefused() {
        expectInvalid("Webhook stage Hook has no URL", "webhook.url") { _ = try WebhookTarget.from(Self.webhook([:])) }
        expectInvalid("must start with http:// or https://") { _ = try WebhookTarget.from(Self.webhook(["url": "ftp://h.test"])) }
        expectInvalid("authType must be none, secret or bearer") {
            _ = try WebhookTarget.from(Self.webhook(["url": "https://h.test", "authType": "oauth"]))
        }
        expectInvalid("needs webhook.secret") { _ = try WebhookTarget.from(Self.webhook(["url": "https://h.test", "authType": "secret"])) }
        expectInvalid("needs webhook.token") { _ = try WebhookTarget.from(Self.webhook(["url": "https://h.test", "authType": "bearer"])) }
    }

    @Test("plugin settings: `plugin {url, secret}`, or top-level pluginUrl (before url) and secret")
    func pluginSources() throws {
        let nested = try PluginTarget.from(Self.plugin(["pluginId": "m1", "plugin": ["url": "https://p.test/run", "secret": "ps"]]))
        #expect(nested == PluginTarget(pluginID: "m1", url: "https://p.test/run", secret: "ps"))
        let top = try PluginTarget.from(Self.plugin(["pluginUrl": "https://p.test/a", "url": "https://p.test/b", "secret": "s"]))
        #expect(top == PluginTarget(pluginID: nil, url: "https://p.test/a", secret: "s"))
        #expect(try PluginTarget.from(Self.plugin(["url": "https://p.test/b"])) == PluginTarget(pluginID: nil, url: "https://p.test/b", secret: nil))
        expectInvalid("Plugin stage Model has no URL", "plugin.url") { _ = try PluginTarget.from(Self.plugin(["pluginId": "m1"])) }
    }
}
