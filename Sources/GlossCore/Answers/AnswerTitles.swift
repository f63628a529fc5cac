/// Writes each annotation's class `title` (and a classification's `tool`) into a stored answer
/// when the client left it out, as Ango's exports carry them (spec §7.2, §7.4). Done when the
/// answer is stored, so exports can copy answers as they are instead of re-reading the schema
/// for every object; a class renamed later keeps its old title on answers made before.
enum AnswerTitles {
    /// The answer with missing titles filled in from the schema; everything else unchanged.
    static func fill(_ answer: JSONValue, index: SchemaIndex) -> JSONValue {
        guard var object = answer.objectValue else { return answer }
        var tools: [String: String] = [:], relations: [String: String] = [:]
        var classes: [String: (title: String, kind: String)] = [:]
        func collect(_ list: [SchemaIndex.Classification]) {
            for c in list {
                if classes[c.schemaID] == nil { classes[c.schemaID] = (c.title, c.kind) }
                collect(c.children)
            }
        }
        for tool in index.tools {
            if tools[tool.schemaID] == nil { tools[tool.schemaID] = tool.title }
            collect(tool.classifications)
        }
        collect(index.classifications)
        for relation in index.relations {
            if relations[relation.schemaID] == nil { relations[relation.schemaID] = relation.title }
            collect(relation.classifications)
        }
        func named(_ item: JSONValue, title: (String) -> String?, kind: (String) -> String?) -> JSONValue {
            guard var o = item.objectValue, let id = o["schemaId"]?.stringValue else { return item }
            if o["title"] == nil, let t = title(id) { o["title"] = .string(t) }
            if o["tool"] == nil, let k = kind(id), !k.isEmpty { o["tool"] = .string(k) }
            if let nested = o["classifications"]?.arrayValue {
                o["classifications"] = .array(nested.map { c in named(c, title: { id in classes[id]?.title }, kind: { id in classes[id]?.kind }) })
            }
            return .object(o)
        }
        let lists: [(String, (String) -> String?, (String) -> String?)] = [
            ("tools", { id in tools[id] }, { _ in nil }),
            ("classifications", { id in classes[id]?.title }, { id in classes[id]?.kind }),
            ("relations", { id in relations[id] }, { _ in nil }),
        ]
        for (key, title, kind) in lists {
            guard let items = object[key]?.arrayValue else { continue }
            object[key] = .array(items.map { item in named(item, title: title, kind: kind) })
        }
        return .object(object)
    }
}
