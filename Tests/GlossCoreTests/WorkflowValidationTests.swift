import GlossCore
import Testing

/// One stage object as the SDK's update_workflow_stages sends it.
func stage(_ id: String, _ type: String, next: [String] = [], _ extra: [String: JSONValue] = [:]) -> JSONValue {
    var raw = extra
    raw["id"] = .string(id); raw["type"] = .string(type); raw["next"] = .array(next.map { .string($0) })
    return .object(raw)
}

@Suite("Workflow.validated")
struct WorkflowValidationTests {
    let start = stage("Start", "Start", next: ["Label"])
    let label = stage("Label", "Label", next: ["Complete"])
    let complete = stage("Complete", "Complete")

    @Test("the default workflow is Start(autoForward) -> Label -> Complete and passes validation")
    func defaultWorkflow() throws {
        let workflow = try Workflow.validated(Workflow.default.json)
        #expect(workflow == Workflow.default)
        #expect(workflow.stages.map(\.id) == ["Start", "Label", "Complete"])
        #expect(workflow.start?.autoForward == true)
        #expect(workflow.stage(id: "Start")?.next == ["Label"])
        #expect(workflow.stage(id: "Label")?.next == ["Complete"])
        #expect(workflow.stage(id: "Complete")?.type == .complete)
    }

    @Test("the workflow needs exactly one Start")
    func startCount() {
        expectInvalid("exactly one Start stage, found 0") { _ = try Workflow.validated(.array([label, complete])) }
        let second = stage("Start2", "Start", next: ["Label"])
        expectInvalid("exactly one Start stage, found 2") { _ = try Workflow.validated(.array([start, second, label, complete])) }
    }

    @Test("a next id that names no stage is refused")
    func danglingNext() {
        expectInvalid("stage Label: next stage Nowhere does not exist") {
            _ = try Workflow.validated(.array([start, stage("Label", "Label", next: ["Nowhere"]), complete]))
        }
    }

    @Test("stage ids must be unique, present and typed with a known type")
    func idsAndTypes() {
        expectInvalid("stage id Label is used twice") { _ = try Workflow.validated(.array([start, label, label, complete])) }
        expectInvalid("stage Label: unknown type Labelling") {
            _ = try Workflow.validated(.array([start, stage("Label", "Labelling", next: ["Complete"]), complete]))
        }
        expectInvalid("stages[1].id must be a non-empty string") {
            _ = try Workflow.validated(.array([start, stage("", "Label", next: ["Complete"]), complete]))
        }
        expectInvalid("stage Label: type is required") {
            _ = try Workflow.validated(.array([start, .object(["id": "Label", "next": .array(["Complete"])]), complete]))
        }
        expectInvalid("stages[0] must be an object") { _ = try Workflow.validated(.array(["Start"])) }
        expectInvalid("stages must be an array") { _ = try Workflow.validated(.object([:])) }
        expectInvalid("stage Label: next must be an array of stage ids") {
            _ = try Workflow.validated(.array([start, .object(["id": "Label", "type": "Label", "next": "Complete"]), complete]))
        }
    }

    @Test("output counts: Review needs 2, Complete none, Start and Label one")
    func outputCounts() throws {
        expectInvalid("stage Review: a Review stage needs 2 outputs, has 1") {
            _ = try Workflow.validated(.array([start, stage("Label", "Label", next: ["Review"]), stage("Review", "Review", next: ["Complete"]), complete]))
        }
        expectInvalid("stage Complete: a Complete stage needs 0 outputs, has 1") {
            _ = try Workflow.validated(.array([start, label, stage("Complete", "Complete", next: ["Label"])]))
        }
        expectInvalid("stage Label: a Label stage needs 1 output, has 2") {
            _ = try Workflow.validated(.array([start, stage("Label", "Label", next: ["Complete", "Complete"]), complete]))
        }
        let review = try Workflow.validated(.array([
            start, stage("Label", "Label", next: ["Review"]), stage("Review", "Review", next: ["Complete", "Label"]), complete,
        ]))
        #expect(review.stage(id: "Review")?.next == ["Complete", "Label"])
    }

    @Test("a Logic stage with N conditions needs N + 1 outputs")
    func logicOutputs() throws {
        let logic = { (next: [String]) in
            stage("Logic", "Logic", next: next, ["logic": .object(["conditions": .array([.object([:]), .object([:])])])])
        }
        let toLogic = stage("Start", "Start", next: ["Logic"])
        expectInvalid("stage Logic: a Logic stage needs 3 outputs, has 2") {
            _ = try Workflow.validated(.array([toLogic, logic(["Label", "Complete"]), label, complete]))
        }
        let ok = try Workflow.validated(.array([toLogic, logic(["Label", "Complete", "Complete"]), label, complete]))
        #expect(ok.stages.count == 4)
        let noConditions = stage("Logic", "Logic", next: ["Complete"])
        #expect(throws: Never.self) { try Workflow.validated(.array([toLogic, noConditions, complete])) }
    }

    @Test("Consensus sub-stages are Label or Plugin stages that point at their Consensus parent and lead back to it")
    func consensusSubStages() throws {
        let consensus = stage("C", "Consensus", next: ["Complete", "Complete"])
        let sub1 = stage("C-1", "Label", ["consensusId": "C"])
        let sub2 = stage("C-2", "Label", next: ["C"], ["consensusId": "C"])
        let workflow = try Workflow.validated(.array([stage("Start", "Start", next: ["C"]), consensus, sub1, sub2, complete]))
        #expect(workflow.stage(id: "C-1")?.consensusID == "C")
        expectInvalid("stage C-1: consensusId Label is not a Consensus stage") {
            _ = try Workflow.validated(.array([start, label, stage("C-1", "Label", ["consensusId": "Label"]), complete]))
        }
        expectInvalid("stage C-1: consensusId Gone is not a Consensus stage") {
            _ = try Workflow.validated(.array([start, label, stage("C-1", "Label", ["consensusId": "Gone"]), complete]))
        }
        expectInvalid("stage C-2: a consensus sub-stage's next must be [\"C\"]") {
            _ = try Workflow.validated(.array([stage("Start", "Start", next: ["C"]), consensus, sub1,
                                               stage("C-2", "Label", next: ["Complete"], ["consensusId": "C"]), complete]))
        }
        expectInvalid("stage C-2: a consensus sub-stage must be a Label or Plugin stage") {
            _ = try Workflow.validated(.array([stage("Start", "Start", next: ["C"]), consensus, sub1,
                                               stage("C-2", "Review", next: ["C"], ["consensusId": "C"]), complete]))
        }
        expectInvalid("stage C: a Consensus stage needs 1 to 10 sub-stages, has 0") {
            _ = try Workflow.validated(.array([stage("Start", "Start", next: ["C"]), consensus, complete]))
        }
    }

    @Test("a Complete stage that Start cannot reach is refused")
    func unreachableComplete() {
        let loop = [start, stage("Label", "Label", next: ["Review"]), stage("Review", "Review", next: ["Label", "Label"]), complete]
        expectInvalid("no Complete stage is reachable from Start") { _ = try Workflow.validated(.array(loop)) }
        expectInvalid("no Complete stage is reachable from Start") {
            _ = try Workflow.validated(.array([stage("Start", "Start", next: ["Archive"]), stage("Archive", "Archive"), complete]))
        }
    }

    @Test("stage keys Gloss does not model are kept verbatim")
    func unknownKeysPreserved() throws {
        let extra: [String: JSONValue] = [
            "webhookUrl": "https://hooks.example/x", "position": .object(["x": .double(12.5), "y": .int(-3)]),
            "custom": .array([.int(1), .null, .object(["deep": .bool(true)])]), "assignedTo": .array(["a@b.co"]),
        ]
        let input: JSONValue = .array([start, stage("Label", "Label", next: ["Complete"], extra), complete])
        let workflow = try Workflow.validated(input)
        #expect(workflow.json == input)
        #expect(workflow.stage(id: "Label")?.raw["custom"] == extra["custom"])
        #expect(workflow.stage(id: "Label")?.assignedTo == ["a@b.co"])
    }
}
