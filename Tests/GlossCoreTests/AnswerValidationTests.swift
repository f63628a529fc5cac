import GlossCore
import Testing

/// A category schema with one class of every kind the rules treat differently.
private let schema = json("""
{"tools": [
   {"schemaId": "box", "tool": "bounding-box", "title": "Vehicle", "classifications": [
      {"schemaId": "vtype", "tool": "radio", "title": "Type", "required": true,
       "options": [{"value": "Car", "schemaId": "opt-car"}, {"value": "Bus", "schemaId": "opt-bus"}],
       "classifications": [
          {"schemaId": "seats", "tool": "text", "title": "Seats", "required": true, "parentOptionId": "opt-bus", "regex": "[0-9]+"},
          {"schemaId": "color", "tool": "single-dropdown", "title": "Color", "required": true, "parentOptionId": null,
           "options": [{"value": "Red", "schemaId": "c-red"}]}]}]},
   {"schemaId": "rbox", "tool": "rotated-bounding-box", "title": "Sign"},
   {"schemaId": "poly", "tool": "polygon", "title": "Area"},
   {"schemaId": "line", "tool": "polyline", "title": "Lane"},
   {"schemaId": "pt", "tool": "point", "title": "Keypoint"},
   {"schemaId": "ent", "tool": "ner", "title": "Entity"},
   {"schemaId": "seg", "tool": "segmentation", "title": "Region"},
   {"schemaId": "br", "tool": "brush", "title": "Paint"},
   {"schemaId": "twin1", "tool": "point", "title": "Twin"},
   {"schemaId": "twin2", "tool": "point", "title": "Twin"}],
 "classifications": [
   {"schemaId": "weather", "tool": "checkbox", "title": "Weather", "required": true,
    "options": [{"value": "Sunny", "schemaId": "w-sun"}, {"value": "Rain", "schemaId": "w-rain"}]},
   {"schemaId": "note", "tool": "text", "title": "Note", "regex": "[A-Z]{3}-[0-9]+"},
   {"schemaId": "ok", "tool": "boolean", "title": "Usable"},
   {"schemaId": "order", "tool": "rank", "title": "Order"},
   {"schemaId": "scene", "tool": "tree-dropdown", "title": "Scene",
    "options": [{"value": "Outdoor", "schemaId": "t1"}, {"value": "Outdoor / Road", "schemaId": "t2"}]},
   {"schemaId": "misc", "tool": "instance", "title": "Misc"}],
 "relations": [
   {"schemaId": "tows", "tool": "one-to-one", "title": "Tows"},
   {"schemaId": "convoy", "tool": "group", "title": "Convoy"},
   {"schemaId": "leads", "tool": "one-to-many", "title": "Leads",
    "classifications": [{"schemaId": "sure", "tool": "boolean", "title": "Sure", "required": true}]}]}
""")

/// A complete, valid answer: a bus with its conditional seat count, a car without one, every geometry kind.
private let valid = """
{"tools": [
   {"objectId": "o1", "schemaId": "box", "bounding-box": {"x": 1, "y": 2, "width": 30, "height": 40.5},
    "classifications": [{"schemaId": "vtype", "answer": "Bus", "classifications": [
       {"schemaId": "seats", "answer": "40"}, {"schemaId": "color", "answer": "Red"}]}]},
   {"objectId": "o2", "schemaId": "box", "bounding-box": {"x": 0, "y": 0, "width": 0, "height": 0},
    "classifications": [{"schemaId": "vtype", "answer": "opt-car", "classifications": [{"schemaId": "color", "answer": "c-red"}]}]},
   {"objectId": "o3", "schemaId": "poly", "polygon": [[0, 0], [10, 0], [5, 8.5]]},
   {"objectId": "o4", "schemaId": "ent", "ner": {"start": 3, "end": 7}},
   {"objectId": "o5", "title": "Keypoint", "point": [4, 5]},
   {"objectId": "o6", "schemaId": "rbox", "rotated-bounding-box": {"x": 1, "y": 1, "width": 5, "height": 5, "rotation": -30}},
   {"objectId": "o7", "schemaId": "line", "polyline": [[0, 0], [1, 1]]},
   {"objectId": "o8", "schemaId": "seg", "segmentation": {"zones": []}},
   {"objectId": "o9", "schemaId": "br"}],
 "classifications": [
   {"schemaId": "weather", "answer": ["Sunny", "w-rain"]}, {"schemaId": "note", "answer": "ABC-12"},
   {"schemaId": "ok", "answer": false}, {"schemaId": "order", "answer": ["x", "y"]},
   {"schemaId": "scene", "answer": ["Outdoor", "Outdoor / Road"]}, {"schemaId": "misc", "answer": {"anything": 1}}],
 "relations": [
   {"schemaId": "tows", "from": "o1", "to": "o2", "direction": "straight"},
   {"schemaId": "convoy", "group": ["o1", "o2"]},
   {"schemaId": "leads", "from": "o1", "to": ["o2", "o3"], "classifications": [{"schemaId": "sure", "answer": true}]}]}
"""

/// `valid` with one part replaced: `tools`, `classifications` or `relations`.
private func answer(tools: String? = nil, classifications: String? = nil, relations: String? = nil) -> JSONValue {
    guard case .object(var object) = json(valid) else { return .null }
    if let tools { object["tools"] = json(tools) }
    if let classifications { object["classifications"] = json(classifications) }
    if let relations { object["relations"] = json(relations) }
    return .object(object)
}

/// The problems as "path: message" strings.
private func problems(_ answer: JSONValue, submitting: Bool = true) -> [String] {
    AnswerValidator.problems(in: answer, schema: schema, submitting: submitting).map(\.description)
}

/// Problems of a single tool object put in place of all tools, on save (geometry is checked on save too).
private func toolProblems(_ tool: String) -> [String] {
    problems(answer(tools: "[\(tool)]", relations: "[]"), submitting: false)
}

@Suite("AnswerValidator: tools and geometry")
struct AnswerToolValidationTests {
    @Test("a complete answer with nested conditional classifications has no problems, saved or submitted")
    func validAnswer() throws {
        #expect(problems(json(valid), submitting: true) == [])
        #expect(problems(json(valid), submitting: false) == [])
        try AnswerValidator.check(json(valid), schema: schema, submitting: true)
    }

    @Test("a tool object names its class by schemaId, or by a title that only one tool has")
    func toolClass() {
        #expect(toolProblems(#"{"objectId": "a", "schemaId": "nope", "point": [1, 2]}"#)
            == [#"tools[0].schemaId: "nope" is not a tool of the category schema"#])
        #expect(toolProblems(#"{"objectId": "a", "schemaId": 5}"#) == ["tools[0].schemaId: must be a string, not a number"])
        #expect(toolProblems(#"{"objectId": "a", "title": "Nobody"}"#) == [#"tools[0].title: "Nobody" is not the title of any tool; send schemaId"#])
        #expect(toolProblems(#"{"objectId": "a", "title": "Twin", "point": [1, 2]}"#)
            == [#"tools[0].title: "Twin" is the title of 2 tools; send schemaId"#])
        #expect(toolProblems(#"{"objectId": "a"}"#) == ["tools[0].schemaId: is required (or a title naming one tool)"])
        // A title resolves to its class, whose geometry then applies.
        #expect(toolProblems(#"{"objectId": "a", "title": "Area", "polygon": [[0, 0]]}"#) == ["tools[0].polygon: needs at least 3 points, has 1"])
    }

    @Test("objectIds are required and unique within the answer")
    func objectIDs() {
        let pair = #"[{"objectId": "x", "schemaId": "pt", "point": [1, 2]}, {"objectId": "x", "schemaId": "pt", "point": [3, 4]}, {"schemaId": "br"}]"#
        #expect(problems(answer(tools: pair, relations: "[]")) == [
            #"tools[1].objectId: "x" is already used by tools[0]"#,
            "tools[2].objectId: is required and must be a non-empty string",
        ])
    }

    @Test("a bounding box has finite numbers x, y, width, height; a negative size is a box drawn up or left")
    func boundingBox() {
        #expect(toolProblems(#"{"objectId": "a", "schemaId": "br", "bounding-box": {"x": 1, "y": 1, "width": 1, "height": 1}}"#)
            == ["tools[0].bounding-box: does not belong to a brush tool"])
        #expect(toolProblems(#"{"objectId": "a", "schemaId": "box", "bounding-box": {"x": "1", "y": 0, "width": -2, "height": 3}}"#)
            == ["tools[0].bounding-box.x: must be a finite number"])
        #expect(toolProblems(#"{"objectId": "a", "schemaId": "box", "bounding-box": {"x": 0, "y": 0, "width": 2}}"#)
            == ["tools[0].bounding-box.height: must be a finite number"])
        let infinite = JSONValue.object(["objectId": "a", "schemaId": "pt", "point": [.double(.infinity), 1]])
        #expect(problems(answer(tools: "[]", relations: "[]").replacingTools([infinite])) == ["tools[0].point: must be an [x, y] pair of numbers"])
    }

    @Test("the geometry key must match the class's tool kind")
    func geometryKey() {
        #expect(toolProblems(#"{"objectId": "a", "schemaId": "box", "polygon": [[0, 0], [1, 0], [1, 1]]}"#)
            == ["tools[0].polygon: does not belong to a bounding-box tool", "tools[0].bounding-box: is required for a bounding-box tool"])
        #expect(toolProblems(#"{"objectId": "a", "schemaId": "rbox", "rotated-bounding-box": {"x": 1, "y": 1, "width": 5, "height": 5}}"#)
            == ["tools[0].rotated-bounding-box.rotation: must be a finite number"])
    }

    @Test("polygons need 3 points, polylines 2, each an [x, y] number pair; a point is one pair")
    func pointLists() {
        #expect(toolProblems(#"{"objectId": "a", "schemaId": "poly", "polygon": [[0, 0], [1, "1"]]}"#)
            == ["tools[0].polygon: needs at least 3 points, has 2", "tools[0].polygon[1]: must be an [x, y] pair of numbers"])
        #expect(toolProblems(#"{"objectId": "a", "schemaId": "line", "polyline": [[0, 0]]}"#) == ["tools[0].polyline: needs at least 2 points, has 1"])
        #expect(toolProblems(#"{"objectId": "a", "schemaId": "line", "polyline": {"x": 1}}"#) == ["tools[0].polyline: must be an array of [x, y] points"])
        #expect(toolProblems(#"{"objectId": "a", "schemaId": "pt", "point": [1, 2, 3]}"#) == ["tools[0].point: must be an [x, y] pair of numbers"])
    }

    @Test("an entity span is two integers with 0 <= start < end")
    func nerSpan() {
        #expect(toolProblems(#"{"objectId": "a", "schemaId": "ent", "ner": {"start": 5, "end": 5}}"#) == ["tools[0].ner.end: must be greater than start (5)"])
        #expect(toolProblems(#"{"objectId": "a", "schemaId": "ent", "ner": {"start": -1, "end": "2"}}"#)
            == ["tools[0].ner.end: must be a number", "tools[0].ner.start: must not be negative"])
        // Audio entities are in seconds.
        #expect(toolProblems(#"{"objectId": "a", "schemaId": "ent", "ner": {"start": 1.25, "end": 2.5}}"#) == [])
        #expect(toolProblems(#"{"objectId": "a", "schemaId": "ent", "ner": {"start": 1.0, "end": 4}}"#) == [])
    }

    @Test("segmentation-like geometry only has to be an object or array; a brush needs no geometry key")
    func opaqueGeometry() {
        #expect(toolProblems(#"{"objectId": "a", "schemaId": "seg", "segmentation": "zones"}"#)
            == ["tools[0].segmentation: must be an object or an array, not a string"])
        #expect(toolProblems(#"{"objectId": "a", "schemaId": "seg", "segmentation": [[1]]}"#) == [])
        #expect(toolProblems(#"{"objectId": "a", "schemaId": "br"}"#) == [])
    }

    @Test("answers that are not the stored shape are reported, not trapped on")
    func wrongShapes() {
        #expect(problems(json("[]")) == ["answer: must be an object"])
        #expect(problems(answer(tools: #"{"objectId": "a"}"#, relations: "[]")) == ["tools: must be an array"])
        #expect(problems(answer(tools: #"[7]"#, relations: "[]")) == ["tools[0]: must be an object"])
    }
}

extension JSONValue {
    /// This answer with `tools` replaced (for values JSON text cannot spell, like infinity).
    fileprivate func replacingTools(_ tools: [JSONValue]) -> JSONValue {
        guard case .object(var object) = self else { return self }
        object["tools"] = .array(tools)
        return .object(object)
    }
}

@Suite("AnswerValidator: classifications, relations, submit rules")
struct AnswerClassificationValidationTests {
    @Test("classification schemaIds are looked up at their own level of the schema")
    func classificationLevels() {
        // "color" exists, but only nested under "vtype"; "weather" only at the top.
        #expect(problems(answer(classifications: #"[{"schemaId": "weather", "answer": ["Sunny"]}, {"schemaId": "color", "answer": "Red"}]"#))
            == [#"classifications[1].schemaId: "color" is not a classification at this level of the category schema"#])
        let tool = #"[{"objectId": "o1", "schemaId": "box", "bounding-box": {"x": 0, "y": 0, "width": 1, "height": 1},"#
            + #""classifications": [{"schemaId": "vtype", "answer": "Car", "classifications": [{"schemaId": "weather", "answer": []}]}, {"answer": "x"}]}]"#
        #expect(problems(answer(tools: tool, relations: "[]"), submitting: false) == [
            #"tools[0].classifications[0].classifications[0].schemaId: "weather" is not a classification at this level of the category schema"#,
            "tools[0].classifications[1].schemaId: is required",
        ])
    }

    @Test("the answer's JSON type follows the classification kind")
    func answerTypes() {
        let list = #"[{"schemaId": "weather", "answer": "Sunny"}, {"schemaId": "note", "answer": 12}, {"schemaId": "ok", "answer": "yes"},"#
            + #"{"schemaId": "order", "answer": {"a": 1}}, {"schemaId": "scene", "answer": ["Outdoor", 3]}, {"schemaId": "misc", "answer": 9}]"#
        #expect(problems(answer(classifications: list), submitting: false) == [
            "classifications[0].answer: must be an array of strings for a checkbox classification, not a string",
            "classifications[1].answer: must be a string for a text classification, not a number",
            "classifications[2].answer: must be true or false for a boolean classification, not a string",
            "classifications[3].answer: must be an array for a rank classification, not a object",
            "classifications[4].answer[1]: must be a string, not a number",
        ])
    }

    @Test("chosen options must be an option's value or its schemaId")
    func options() {
        let list = #"[{"schemaId": "weather", "answer": ["Sunny", "w-rain", "Snow"]}, {"schemaId": "scene", "answer": ["Outdoor / Sea"]}]"#
        #expect(problems(answer(classifications: list)) == [
            #"classifications[0].answer[2]: "Snow" is not an option of "Weather" (options: "Sunny", "Rain")"#,
            #"classifications[1].answer[0]: "Outdoor / Sea" is not an option of "Scene" (options: "Outdoor", "Outdoor / Road")"#,
        ])
        let radio = #"[{"objectId": "o1", "schemaId": "box", "bounding-box": {"x": 0, "y": 0, "width": 1, "height": 1},"#
            + #""classifications": [{"schemaId": "vtype", "answer": "Tram"}]}]"#
        #expect(problems(answer(tools: radio, relations: "[]"), submitting: false)
            == [#"tools[0].classifications[0].answer: "Tram" is not an option of "Type" (options: "Car", "Bus")"#])
    }

    @Test("relations name known relation classes and existing objectIds")
    func relations() {
        let list = #"[{"schemaId": "ties"}, {"schemaId": "tows", "from": "o1"}, {"schemaId": "tows", "from": "o1", "to": "ghost"},"#
            + #"{"schemaId": "convoy", "group": ["o1"]}, {"schemaId": "convoy", "group": ["o1", 2, "o9", "nobody"]},"#
            + #"{"schemaId": "leads", "from": "o2", "to": "o3", "classifications": [{"schemaId": "sure", "answer": true}]},"#
            + #"{"schemaId": "leads", "from": "o2", "to": [], "classifications": [{"schemaId": "sure", "answer": true}]}, {"schemaId": "convoy"}]"#
        #expect(problems(answer(relations: list)) == [
            #"relations[0].schemaId: "ties" is not a relation of the category schema"#,
            "relations[1].to: is required for a one-to-one relation",
            #"relations[2].to: "ghost" is not the objectId of any tool object in the answer"#,
            "relations[3].group: needs at least 2 objectIds, has 1",
            "relations[4].group[1]: must be an objectId string, not a number",
            #"relations[4].group[3]: "nobody" is not the objectId of any tool object in the answer"#,
            "relations[6].to: needs at least 1 objectIds, has 0",
            "relations[7].group: is required for a group relation and must be an array of objectIds",
        ])
    }

    @Test("required classifications are checked on submit only; blank text is unanswered, false is an answer")
    func requiredOnSubmitOnly() {
        let unanswered = answer(classifications: #"[{"schemaId": "weather", "answer": []}, {"schemaId": "ok", "answer": false}]"#)
        #expect(problems(unanswered, submitting: false) == [])
        #expect(problems(unanswered) == [#"classifications: required classification "Weather" (schemaId weather) is not answered"#])
        // A required relation classification follows the same rule.
        let relation = #"[{"schemaId": "leads", "from": "o1", "to": "o2", "classifications": [{"schemaId": "sure", "answer": null}]}]"#
        #expect(problems(answer(relations: relation)) == [#"relations[0].classifications: required classification "Sure" (schemaId sure) is not answered"#])
        #expect(problems(answer(relations: relation), submitting: false) == [])
    }

    @Test("each tool object answers its class's required nested classifications; conditional ones only when their option is chosen")
    func requiredNested() {
        let box = #""schemaId": "box", "bounding-box": {"x": 0, "y": 0, "width": 1, "height": 1}"#
        let tools = "[{\"objectId\": \"a\", \(box)},"
            + "{\"objectId\": \"b\", \(box), \"classifications\": [{\"schemaId\": \"vtype\", \"answer\": \"Bus\", \"classifications\": [{\"schemaId\": \"seats\", \"answer\": \" \"}]}]},"
            + "{\"objectId\": \"c\", \(box), \"classifications\": [{\"schemaId\": \"vtype\", \"answer\": \"opt-bus\"}]},"
            + "{\"objectId\": \"d\", \(box), \"classifications\": [{\"schemaId\": \"vtype\", \"answer\": \"Car\", \"classifications\": [{\"schemaId\": \"color\", \"answer\": \"Red\"}]}]},"
            // An unanswered parent requires none of its nested questions (only itself).
            + "{\"objectId\": \"e\", \(box), \"classifications\": [{\"schemaId\": \"vtype\", \"answer\": null}]}]"
        #expect(problems(answer(tools: tools, relations: "[]")) == [
            #"tools[0].classifications: required classification "Type" (schemaId vtype) is not answered"#,
            #"tools[1].classifications[0].classifications: required classification "Seats" (schemaId seats) is not answered"#,
            #"tools[1].classifications[0].classifications: required classification "Color" (schemaId color) is not answered"#,
            #"tools[2].classifications[0].classifications: required classification "Seats" (schemaId seats) is not answered"#,
            #"tools[2].classifications[0].classifications: required classification "Color" (schemaId color) is not answered"#,
            #"tools[4].classifications: required classification "Type" (schemaId vtype) is not answered"#,
        ])
        #expect(problems(answer(tools: tools, relations: "[]"), submitting: false) == [])
    }

    @Test("text answers must match the schema regex as a whole, on submit")
    func regex() {
        for (text, matches) in [("ABC-12", true), ("ABC-12x", false), ("xABC-12", false), ("ABC-12\n", false), ("abc-12", false)] {
            let list = JSONValue.array([json(#"{"schemaId": "weather", "answer": ["Sunny"]}"#), .object(["schemaId": "note", "answer": .string(text)])])
            let found = problems(answer(classifications: "[]").replacing("classifications", with: list))
            #expect(found == (matches ? [] : [#"classifications[1].answer: does not match the pattern "[A-Z]{3}-[0-9]+" of "Note""#]), "\(text)")
            #expect(problems(answer(classifications: "[]").replacing("classifications", with: list), submitting: false) == [])
        }
    }

    @Test("an invalid regex in the schema is reported once as a schema problem, not a crash")
    func invalidSchemaRegex() {
        let broken = json(#"{"tools": [], "relations": [], "classifications": [{"schemaId": "t", "tool": "text", "title": "T", "regex": "([a-z"}]}"#)
        let twice = json(#"{"classifications": [{"schemaId": "t", "answer": "abc"}, {"schemaId": "t", "answer": "def"}]}"#)
        #expect(AnswerValidator.problems(in: twice, schema: broken, submitting: true).map(\.description)
            == [#"schema.classifications[0].regex: "([a-z" is not a valid regular expression; fix the category schema"#])
        #expect(AnswerValidator.problems(in: twice, schema: broken, submitting: false) == [])
    }

    @Test("check lists every problem in one DomainError.invalid")
    func allProblemsListed() {
        let broken = answer(tools: #"[{"objectId": "o1", "schemaId": "pt", "point": [1]}]"#,
                            classifications: #"[{"schemaId": "weather", "answer": ["Hail"]}]"#,
                            relations: #"[{"schemaId": "tows", "from": "o1", "to": "o7"}]"#)
        #expect(AnswerValidator.problems(in: broken, schema: schema, submitting: true).count == 3)
        expectInvalid("answer has 3 problems: tools[0].point: must be an [x, y] pair of numbers; ",
                      #"classifications[0].answer[0]: "Hail" is not an option of "Weather""#,
                      #"; relations[0].to: "o7" is not the objectId of any tool object in the answer"#) {
            try AnswerValidator.check(broken, schema: schema, submitting: true)
        }
        expectInvalid("answer has 1 problem: answer: must be an object") {
            try AnswerValidator.check(.null, schema: schema, submitting: false)
        }
    }
}

extension JSONValue {
    /// This object with `key` set to `value`.
    fileprivate func replacing(_ key: String, with value: JSONValue) -> JSONValue {
        guard case .object(var object) = self else { return self }
        object[key] = value
        return .object(object)
    }
}
