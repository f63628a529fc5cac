/// Checks the `relations` list: known relation classes and endpoints that name tool objects.
enum RelationCheck {
    /// Problems with `relations` given the schema and the objectIds of the answer's tool objects.
    /// Nested classifications of relations are checked with `classifications`, their problems listed after the relation's.
    static func check(_ relations: [JSONValue], index: SchemaIndex, objectIDs: Set<String>,
                      classifications: inout ClassificationCheck) -> [AnswerProblem] {
        var found: [AnswerProblem] = []
        for (position, relation) in relations.enumerated() {
            let path = "relations[\(position)]"
            guard relation.objectValue != nil else { found.append(AnswerProblem(path: path, message: "must be an object")); continue }
            guard let id = relation["schemaId"]?.stringValue else {
                found.append(AnswerProblem(path: "\(path).schemaId", message: "is required and must be a string"))
                continue
            }
            guard let schema = index.relation(id: id) else {
                found.append(AnswerProblem(path: "\(path).schemaId", message: "\"\(id)\" is not a relation of the category schema"))
                continue
            }
            switch schema.kind {
            case "one-to-one":
                found += endpoint(relation["from"], at: "\(path).from", kind: schema.kind, objectIDs: objectIDs)
                found += endpoint(relation["to"], at: "\(path).to", kind: schema.kind, objectIDs: objectIDs)
            case "one-to-many":
                found += endpoint(relation["from"], at: "\(path).from", kind: schema.kind, objectIDs: objectIDs)
                // "Many" targets may come as one objectId or a list of them; the wire format is not documented.
                if let targets = relation["to"]?.arrayValue {
                    found += members(targets, at: "\(path).to", minimum: 1, objectIDs: objectIDs)
                } else {
                    found += endpoint(relation["to"], at: "\(path).to", kind: schema.kind, objectIDs: objectIDs)
                }
            case "group":
                guard let group = relation["group"]?.arrayValue else {
                    found.append(AnswerProblem(path: "\(path).group", message: "is required for a group relation and must be an array of objectIds"))
                    break
                }
                found += members(group, at: "\(path).group", minimum: 2, objectIDs: objectIDs)
            default:
                break
            }
            classifications.checkList(relation["classifications"], schemas: schema.classifications, at: "\(path).classifications")
            found += classifications.takeProblems()
        }
        return found
    }

    /// One `from` / `to` endpoint: a string naming a tool object.
    private static func endpoint(_ value: JSONValue?, at path: String, kind: String, objectIDs: Set<String>) -> [AnswerProblem] {
        guard let value, !value.isNull else { return [AnswerProblem(path: path, message: "is required for a \(kind) relation")] }
        guard let id = value.stringValue else { return [AnswerProblem(path: path, message: "must be an objectId string, not a \(value.typeName)")] }
        return reference(id, at: path, objectIDs: objectIDs)
    }

    /// A list of at least `minimum` strings, each naming a tool object.
    private static func members(_ list: [JSONValue], at path: String, minimum: Int, objectIDs: Set<String>) -> [AnswerProblem] {
        var found: [AnswerProblem] = []
        if list.count < minimum {
            found.append(AnswerProblem(path: path, message: "needs at least \(minimum) objectIds, has \(list.count)"))
        }
        for (position, member) in list.enumerated() {
            guard let id = member.stringValue else {
                found.append(AnswerProblem(path: "\(path)[\(position)]", message: "must be an objectId string, not a \(member.typeName)"))
                continue
            }
            found += reference(id, at: "\(path)[\(position)]", objectIDs: objectIDs)
        }
        return found
    }

    private static func reference(_ id: String, at path: String, objectIDs: Set<String>) -> [AnswerProblem] {
        objectIDs.contains(id) ? [] : [AnswerProblem(path: path, message: "\"\(id)\" is not the objectId of any tool object in the answer")]
    }
}
