import GlossCore
import Testing

/// Judgements from answer JSON texts, in order.
private func judgements(_ answers: String...) -> [ConsensusJudgement] {
    answers.enumerated().map { ConsensusJudgement(taskID: "t\($0.offset)", labeler: "u\($0.offset)", answer: json($0.element)) }
}

/// An answer with top-level classifications only.
private func classified(_ items: String...) -> String { #"{"tools":[],"classifications":[\#(items.joined(separator: ","))],"relations":[]}"# }
/// An answer with tool objects only.
private func tooled(_ items: String...) -> String { tooled(items) }
private func tooled(_ items: [String]) -> String { #"{"tools":[\#(items.joined(separator: ","))],"classifications":[]}"# }
private func radio(_ id: String, _ answer: String) -> String { #"{"schemaId":"\#(id)","tool":"radio","answer":"\#(answer)"}"# }
private func box(_ id: String, _ x: Double, _ y: Double, _ w: Double, _ h: Double) -> String {
    #"{"schemaId":"\#(id)","objectId":"o","bounding-box":{"x":\#(x),"y":\#(y),"width":\#(w),"height":\#(h)}}"#
}
private func shape(_ kind: String, _ text: String) -> ConsensusShape? { ConsensusShape(kind: kind, geometry: json(text)) }

private func expectClose(_ actual: Double, _ expected: Double, tolerance: Double = 0.01,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(abs(actual - expected) <= tolerance, "\(actual) is not \(expected)", sourceLocation: sourceLocation)
}

private func expectScores(_ result: ConsensusResult, _ expected: [Double], task: Double? = nil,
                          sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.judgementScores.count == expected.count, sourceLocation: sourceLocation)
    for (actual, wanted) in zip(result.judgementScores, expected) { expectClose(actual, wanted, sourceLocation: sourceLocation) }
    expectClose(result.score, task ?? expected.reduce(0, +) / Double(expected.count), sourceLocation: sourceLocation)
}

private let noSchema: JSONValue = json(#"{"tools":[],"classifications":[],"relations":[]}"#)

@Suite("ConsensusScorer: classifications")
struct ConsensusClassificationTests {
    @Test("radio 2 vs 1: the majority scores 66.67, the other 33.33, the task 55.56")
    func radioMajority() {
        let result = ConsensusScorer.score(judgements(classified(radio("c1", "A")), classified(radio("c1", "A")),
                                                      classified(radio("c1", "B"))), schema: noSchema)
        expectScores(result, [66.667, 66.667, 33.333], task: 55.556)
        #expect(result.bestIndex == 0)
    }

    @Test("four judgements A, A, B, C: 50, 50, 25, 25")
    func fourWay() {
        let result = ConsensusScorer.score(judgements(classified(radio("c1", "A")), classified(radio("c1", "A")),
                                                      classified(radio("c1", "B")), classified(radio("c1", "C"))), schema: noSchema)
        expectScores(result, [50, 50, 25, 25])
    }

    @Test("two judgements that share nothing score 50 each, whether the classes match or not")
    func disjoint() {
        let sameClass = ConsensusScorer.score(judgements(classified(radio("c1", "A")), classified(radio("c1", "B"))), schema: noSchema)
        expectScores(sameClass, [50, 50])
        let otherClasses = ConsensusScorer.score(judgements(classified(radio("c1", "A")), classified(radio("c2", "A"))), schema: noSchema)
        expectScores(otherClasses, [50, 50])
    }

    @Test("checkbox lists compare as sets: order, duplicates and surrounding spaces do not matter")
    func checkboxSets() {
        let a = classified(#"{"schemaId":"c1","tool":"checkbox","answer":["x","y","z"]}"#)
        let b = classified(#"{"schemaId":"c1","tool":"checkbox","answer":["z "," x","y","x"]}"#)
        expectScores(ConsensusScorer.score(judgements(a, b), schema: noSchema), [100, 100])
        let fewer = classified(#"{"schemaId":"c1","tool":"checkbox","answer":["x","y"]}"#)
        expectScores(ConsensusScorer.score(judgements(a, fewer), schema: noSchema), [50, 50])
    }

    @Test("the schema's tool makes a list a set; a rank list keeps its order")
    func kindFromSchema() {
        let schema = json(#"{"classifications":[{"schemaId":"m","tool":"multi-dropdown","title":"Tags"},{"schemaId":"r","tool":"rank","title":"Rank"}]}"#)
        let setResult = ConsensusScorer.score(judgements(classified(#"{"schemaId":"m","answer":["a","b"]}"#),
                                                         classified(#"{"schemaId":"m","answer":["b","a"]}"#)), schema: schema)
        expectScores(setResult, [100, 100])
        let rankResult = ConsensusScorer.score(judgements(classified(#"{"schemaId":"r","answer":["a","b"]}"#),
                                                          classified(#"{"schemaId":"r","answer":["b","a"]}"#)), schema: schema)
        expectScores(rankResult, [50, 50])
    }

    @Test("text is trimmed, 1 equals 1.0, a legacy option schemaId equals its value, booleans compare")
    func normalForms() {
        let schema = json(#"{"classifications":[{"schemaId":"c1","tool":"radio","options":[{"value":"Car","schemaId":"opt1"},{"value":"Bus","schemaId":"opt2"}]}]}"#)
        let texts = judgements(classified(#"{"schemaId":"t","tool":"text","answer":"  hello\n"}"#, #"{"schemaId":"n","answer":1}"#,
                                          radio("c1", "opt1"), #"{"schemaId":"b","tool":"boolean","answer":true}"#),
                               classified(#"{"schemaId":"t","tool":"text","answer":"hello"}"#, #"{"schemaId":"n","answer":1.0}"#,
                                          radio("c1", "Car"), #"{"schemaId":"b","tool":"boolean","answer":true}"#))
        expectScores(ConsensusScorer.score(texts, schema: schema), [100, 100])
        let differ = judgements(classified(radio("c1", "opt2")), classified(radio("c1", "Car")))
        expectScores(ConsensusScorer.score(differ, schema: schema), [50, 50])
    }

    @Test("a class only one of three judgements answers: absent agrees with absent")
    func classInOneJudgement() {
        let result = ConsensusScorer.score(judgements(classified(radio("c1", "A"), radio("c2", "X")),
                                                      classified(radio("c1", "A")), classified(radio("c1", "A"))), schema: noSchema)
        // c1: everyone 100. c2: judgement 0 (1+0+0)/3, the others (1+0+1)/3.
        expectScores(result, [(100 + 33.333) / 2, (100 + 66.667) / 2, (100 + 66.667) / 2])
        #expect(result.bestIndex == 1)
    }

    @Test("an empty answer (blank text, empty list, null) counts as no answer")
    func emptyAnswers() {
        let result = ConsensusScorer.score(judgements(classified(#"{"schemaId":"t","tool":"text","answer":"  "}"#,
                                                                 #"{"schemaId":"k","tool":"checkbox","answer":[]}"#),
                                                      classified(#"{"schemaId":"n","answer":null}"#)), schema: noSchema)
        expectScores(result, [100, 100])
        #expect(result.details == .array([]))
    }

    @Test("nested classifications and relations are ignored")
    func nestedIgnored() {
        let a = #"{"tools":[],"classifications":[{"schemaId":"c1","answer":"A","classifications":[{"schemaId":"n1","answer":"X"}]}],"relations":[{"schemaId":"r","from":"a","to":"b"}]}"#
        let b = #"{"tools":[],"classifications":[{"schemaId":"c1","answer":"A","classifications":[{"schemaId":"n1","answer":"Y"}]}],"relations":[]}"#
        expectScores(ConsensusScorer.score(judgements(a, b), schema: noSchema), [100, 100])
    }
}

@Suite("ConsensusScorer: tools")
struct ConsensusToolTests {
    @Test("identical boxes score 100, also when one is drawn from the opposite corner")
    func identicalBoxes() {
        let result = ConsensusScorer.score(judgements(tooled(box("b", 10, 10, 50, 40)), tooled(box("b", 60, 50, -50, -40))), schema: noSchema)
        expectScores(result, [100, 100])
    }

    @Test("two 10x10 boxes 5 px apart in x: IoU 1/3, so each scores (1 + 1/3) / 2")
    func boxIoU() {
        let a = shape("bounding-box", #"{"x":0,"y":0,"width":10,"height":10}"#)
        let b = shape("bounding-box", #"{"x":5,"y":0,"width":10,"height":10}"#)
        expectClose(a!.similarity(to: b!), 1.0 / 3, tolerance: 1e-12)
        let result = ConsensusScorer.score(judgements(tooled(box("b", 0, 0, 10, 10)), tooled(box("b", 5, 0, 10, 10))), schema: noSchema)
        expectScores(result, [66.667, 66.667])
    }

    @Test("an unmatched extra object halves agreement: max(|Oi|, |Oj|) is the denominator")
    func unequalCounts() {
        let result = ConsensusScorer.score(judgements(tooled(box("b", 0, 0, 10, 10), box("b", 100, 100, 10, 10)),
                                                      tooled(box("b", 0, 0, 10, 10))), schema: noSchema)
        expectScores(result, [75, 75])
    }

    @Test("matching is greedy, best pair first, not the optimal assignment")
    func greedyMatching() {
        // A1=[0,10] A2=[8,18] vs B1=[3,13] B2=[-4,6] (x spans, same y). Greedy takes A1-B1 (7/13) and
        // leaves A2-B2 (no overlap); the optimal A1-B2 + A2-B1 would give 3/7 + 1/3.
        let result = ConsensusScorer.score(judgements(tooled(box("b", 0, 0, 10, 10), box("b", 8, 0, 10, 10)),
                                                      tooled(box("b", 3, 0, 10, 10), box("b", -4, 0, 10, 10))), schema: noSchema)
        let agreement = (7.0 / 13) / 2
        expectScores(result, [(1 + agreement) / 2 * 100, (1 + agreement) / 2 * 100])
    }

    @Test("polygon IoU is exact: square vs the same square shifted by half is 1/3; triangle in square is 1/2")
    func polygonIoU() {
        let square = shape("polygon", "[[0,0],[10,0],[10,10],[0,10]]")!
        let shifted = shape("polygon", "[[5,0],[15,0],[15,10],[5,10]]")!
        let triangle = shape("polygon", "[[0,0],[10,0],[0,10]]")!
        expectClose(square.similarity(to: shifted), 1.0 / 3, tolerance: 1e-9)
        expectClose(square.similarity(to: triangle), 0.5, tolerance: 1e-9)
        expectClose(square.similarity(to: square), 1, tolerance: 1e-9)
    }

    @Test("concave polygons: the notch of an L does not count; orientation, start vertex and offset do not matter")
    func concavePolygon() {
        let ell = "[[0,0],[20,0],[20,10],[10,10],[10,20],[0,20]]"
        let l = shape("polygon", ell)!
        // The L's notch is [10,20]x[10,20]; a convex hull would overlap this square fully.
        expectClose(l.similarity(to: shape("polygon", "[[10,10],[20,10],[20,20],[10,20]]")!), 0, tolerance: 1e-9)
        // Square [5,15]^2: 100 - 25 of it in the notch = 75 overlap; union 300 + 100 - 75.
        let square = shape("polygon", "[[5,5],[15,5],[15,15],[5,15]]")!
        expectClose(l.similarity(to: square), 75.0 / 325, tolerance: 1e-9)
        // Same L clockwise, starting at the reflex vertex, both moved far from the origin.
        let moved = shape("polygon", "[[10010,10010],[10020,10010],[10020,10000],[10000,10000],[10000,10020],[10010,10020]]")!
        let movedSquare = shape("polygon", #"[{"x":10005,"y":10005},{"x":10015,"y":10005},{"x":10015,"y":10015},{"x":10005,"y":10015}]"#)!
        expectClose(moved.similarity(to: movedSquare), 75.0 / 325, tolerance: 1e-9)
        expectClose(moved.similarity(to: l), 0, tolerance: 1e-9)
    }

    @Test("points agree linearly up to 20 px: 10 px apart is 0.5, 30 px is 0")
    func points() {
        let origin = shape("point", "[0,0]")!
        expectClose(origin.similarity(to: shape("point", "[6,8]")!), 0.5, tolerance: 1e-12)
        #expect(origin.similarity(to: shape("point", "[30,0]")!) == 0)
        let result = ConsensusScorer.score(judgements(tooled(#"{"schemaId":"p","point":[0,0]}"#),
                                                      tooled(#"{"schemaId":"p","point":[6,8]}"#)), schema: noSchema)
        expectScores(result, [75, 75])
    }

    @Test("NER spans: overlap over union of [start, end); touching spans do not overlap")
    func nerSpans() {
        let span = shape("ner", #"{"start":0,"end":10}"#)!
        expectClose(span.similarity(to: shape("ner", #"{"start":5,"end":15}"#)!), 1.0 / 3, tolerance: 1e-12)
        #expect(span.similarity(to: shape("ner", #"{"start":10,"end":20}"#)!) == 0)
        expectClose(span.similarity(to: shape("ner", #"{"start":2,"end":7}"#)!), 0.5, tolerance: 1e-12)
    }

    @Test("shapes of different kinds, degenerate shapes and malformed geometry")
    func edgeShapes() {
        #expect(shape("point", "[0,0]")!.similarity(to: shape("ner", #"{"start":0,"end":1}"#)!) == 0)
        let flat = shape("bounding-box", #"{"x":1,"y":1,"width":0,"height":5}"#)!
        #expect(flat.similarity(to: flat) == 1)
        #expect(flat.similarity(to: shape("bounding-box", #"{"x":2,"y":1,"width":0,"height":5}"#)!) == 0)
        #expect(shape("polygon", #"[[0,0],[1,"a"],[2,2]]"#) == nil)
        #expect(shape("rotated-bounding-box", #"{"x":0,"y":0,"width":1,"height":1}"#) == nil)
        // A malformed object still counts: it is one of two objects and matches nothing.
        let result = ConsensusScorer.score(judgements(tooled(box("b", 0, 0, 10, 10), #"{"schemaId":"b","bounding-box":{"x":"?"}}"#),
                                                      tooled(box("b", 0, 0, 10, 10))), schema: noSchema)
        expectScores(result, [75, 75])
    }
}

@Suite("ConsensusScorer: classes, results and details")
struct ConsensusResultTests {
    @Test("excluded kinds are ignored entirely: differing only in them still scores 100")
    func excludedKinds() {
        let base = box("b", 0, 0, 10, 10)
        let extras = [#"{"schemaId":"l","polyline":[[0,0],[5,5]]}"#,
                      #"{"schemaId":"r","rotated-bounding-box":{"x":0,"y":0,"width":5,"height":5,"rotation":30}}"#,
                      #"{"schemaId":"s","brush":{}}"#,
                      #"{"schemaId":"v","medical-brush":true,"polygon":[[0,0],[5,0],[5,5]]}"#,
                      #"{"schemaId":"u","cuboid":{"x":1}}"#]
        let result = ConsensusScorer.score(judgements(tooled(base), tooled([base] + extras)), schema: noSchema)
        expectScores(result, [100, 100])
        #expect(result.details.arrayValue?.compactMap { item in item["schemaId"]?.stringValue } == ["b"])
        let onlyExcluded = ConsensusScorer.score(judgements(tooled(extras[0]), tooled(extras[1]), tooled()), schema: noSchema)
        expectScores(onlyExcluded, [100, 100, 100])
        #expect(onlyExcluded.details == .array([]))
    }

    @Test("the object's geometry key decides its kind; the schema's tool is only the fallback")
    func kindFallback() {
        let schema = json(#"{"tools":[{"schemaId":"a","tool":"polyline","title":"A"},{"schemaId":"b","tool":"bounding-box","title":"B"},{"schemaId":"c","tool":"brush","title":"C"}]}"#)
        // Class a holds polygons despite its schema; b's object without geometry counts but matches
        // nothing; c's object falls back to an excluded kind and is dropped.
        let result = ConsensusScorer.score(judgements(tooled(#"{"schemaId":"a","polygon":[[0,0],[10,0],[10,10]]}"#,
                                                             #"{"schemaId":"b","objectId":"x"}"#, #"{"schemaId":"c","objectId":"y"}"#),
                                                      tooled(#"{"schemaId":"a","polygon":[[0,0],[10,0],[10,10]]}"#, box("b", 0, 0, 5, 5))),
                                           schema: schema)
        expectScores(result, [75, 75])
        #expect(result.details.arrayValue?.map { item in item["tool"] } == ["polygon", "bounding-box"])
    }

    @Test("best index: highest score, ties to the lowest index")
    func bestIndex() {
        #expect(ConsensusScorer.score(judgements(classified(radio("c", "A")), classified(radio("c", "B"))), schema: noSchema).bestIndex == 0)
        let result = ConsensusScorer.score(judgements(classified(radio("c", "B")), classified(radio("c", "A")),
                                                      classified(radio("c", "A"))), schema: noSchema)
        #expect(result.bestIndex == 1)
        // 25, 50, 50, 25: the tie between 1 and 2 goes to 1.
        let tied = ConsensusScorer.score(judgements(classified(radio("c", "B")), classified(radio("c", "A")),
                                                    classified(radio("c", "A")), classified(radio("c", "C"))), schema: noSchema)
        expectScores(tied, [25, 50, 50, 25])
        #expect(tied.bestIndex == 1)
    }

    @Test("details: one object per class in first-appearance order, titles from schema, object or null")
    func detailsShape() {
        let schema = json(#"{"tools":[{"schemaId":"b","tool":"bounding-box","title":"Vehicle"}],"classifications":[{"schemaId":"c","tool":"radio","title":"Weather"}]}"#)
        let first = #"{"tools":[\#(box("b", 0, 0, 10, 10))],"classifications":[\#(radio("c", "Sun"))]}"#
        let second = #"{"tools":[{"schemaId":"p","title":"Pin","point":[1,1]},\#(box("b", 0, 0, 10, 10))],"classifications":[{"schemaId":"x","answer":"?"},\#(radio("c", "Rain"))]}"#
        let result = ConsensusScorer.score(judgements(first, second), schema: schema)
        let details = result.details.arrayValue ?? []
        #expect(details.map { item in item["schemaId"] } == ["b", "c", "p", "x"])
        #expect(details.map { item in item["title"] } == ["Vehicle", "Weather", "Pin", .null])
        #expect(details.map { item in item["tool"] } == ["bounding-box", "radio", "point", .null])
        #expect(details.allSatisfy { Set($0.objectValue?.keys ?? [:].keys) == ["schemaId", "title", "tool", "score", "judgements"] })
        let perClass = details.map { $0["judgements"]?.arrayValue?.compactMap(\.doubleValue) ?? [] }
        #expect(perClass == [[100, 100], [50, 50], [50, 50], [50, 50]])
        expectClose(details[1]["score"]?.doubleValue ?? -1, 50)
        // The judgement score is the mean over classes: (100 + 50 + 50 + 50) / 4.
        expectScores(result, [62.5, 62.5])
    }

    @Test("one judgement scores 100; none scores 0 with empty arrays")
    func smallCounts() {
        let one = ConsensusScorer.score(judgements(classified(radio("c", "A"))), schema: noSchema)
        #expect(one == ConsensusResult(score: 100, judgementScores: [100], bestIndex: 0,
                                       details: [["schemaId": "c", "title": nil, "tool": "radio", "score": 100.0, "judgements": [100.0]]]))
        #expect(ConsensusScorer.score([], schema: noSchema) == ConsensusResult(score: 0, judgementScores: [], bestIndex: 0, details: []))
    }

    @Test("a judgement whose answer is not an object scores as an empty answer")
    func nonObjectAnswer() {
        let result = ConsensusScorer.score([ConsensusJudgement(taskID: "a", answer: json(classified(radio("c", "A")))),
                                            ConsensusJudgement(taskID: "b", answer: .null)], schema: .null)
        expectScores(result, [50, 50])
    }
}
