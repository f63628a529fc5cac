/// One scored class: the schemaId of a tool of a scorable kind, or of a top-level classification.
struct ConsensusClass {
    /// Which list of the answer the class lives in (a tool and a classification never merge).
    enum Section: Hashable { case tool, classification }

    /// What one judgement holds for a class.
    enum Value {
        /// The judgement's objects of a tool class (possibly none).
        case objects([ConsensusShape?])
        /// The canonical answer of a classification, nil when the judgement did not answer it.
        case answer(JSONValue?)
    }

    var section: Section
    var schemaID: String
    /// From the schema, else the first title an object or answer carries.
    var title: String?
    /// The tool kind; for classifications the schema's `tool`, else the first one an answer names.
    var kind: String?
    var optionValues: [String: String] = [:]

    /// Every class some judgement holds, in first-appearance order: judgements in input order and,
    /// within one, tools before classifications, each in list order.
    static func collect(_ answers: [ConsensusAnswer], schema: ConsensusSchemaIndex) -> [ConsensusClass] {
        var classes: [ConsensusClass] = []
        var positions: [ClassKey: Int] = [:]
        func note(_ section: Section, _ id: String, kind: String?, title: String?, entry: ConsensusSchemaIndex.Entry?) {
            if let index = positions[ClassKey(section: section, schemaID: id)] {
                classes[index].title = classes[index].title ?? title
                classes[index].kind = classes[index].kind ?? kind
                return
            }
            positions[ClassKey(section: section, schemaID: id)] = classes.count
            classes.append(ConsensusClass(section: section, schemaID: id, title: entry?.title ?? title, kind: kind,
                                          optionValues: entry?.optionValues ?? [:]))
        }
        for answer in answers {
            for object in answer.objects {
                note(.tool, object.schemaID, kind: object.kind, title: object.title, entry: schema.tools[object.schemaID])
            }
            for item in answer.classifications {
                let entry = schema.classifications[item.schemaID]
                note(.classification, item.schemaID, kind: entry?.tool ?? item.tool, title: item.title, entry: entry)
            }
        }
        return classes
    }

    /// What `answer` holds for this class, ready to compare.
    func value(in answer: ConsensusAnswer) -> Value {
        switch section {
        case .tool:
            return .objects(answer.objects.filter { $0.schemaID == schemaID }.map(\.shape))
        case .classification:
            let raw = answer.classifications.first { $0.schemaID == schemaID }?.answer
            return .answer(raw.map { ClassificationAnswer.canonical($0, kind: kind, optionValues: optionValues) })
        }
    }

    /// Pairwise agreement in 0...1 of two judgements' values for one class.
    static func agreement(_ a: Value, _ b: Value) -> Double {
        switch (a, b) {
        case let (.objects(objectsA), .objects(objectsB)):
            return ObjectMatching.agreement(objectsA, objectsB)
        case let (.answer(answerA), .answer(answerB)):
            // Absent in both agrees; absent in one does not (nil == nil, nil != value).
            return answerA == answerB ? 1 : 0
        default:
            return 0
        }
    }

    private struct ClassKey: Hashable {
        var section: Section
        var schemaID: String
    }
}
