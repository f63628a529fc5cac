import GlossCore

/// The members and batches of a project as JSON on its row, so reading a project is one query.
/// `project_members` stays the table that "projects of this member" queries use.
enum ProjectJSONColumns {
    static func members(_ members: [ProjectMember]) -> String {
        JSONText.of(.array(members.map { ["assignee": .string($0.assignee), "role": .string($0.role.rawValue)] }))
    }

    static func members(_ value: JSONValue) throws -> [ProjectMember] {
        (value.arrayValue ?? []).compactMap { item in
            guard let email = item["assignee"]?.stringValue, let role = item["role"]?.stringValue.flatMap(ProjectRole.init(rawValue:)) else { return nil }
            return ProjectMember(assignee: email, role: role)
        }
    }

    static func batches(_ batches: [Batch]) -> String {
        JSONText.of(.array(batches.map { b in
            var object: [String: JSONValue] = ["_id": .string(b.id), "name": .string(b.name)]
            if let d = b.description { object["description"] = .string(d) }
            if let c = b.color { object["color"] = .string(c) }
            return .object(object)
        }))
    }

    static func batches(_ value: JSONValue) throws -> [Batch] {
        (value.arrayValue ?? []).compactMap { item in
            guard let id = item["_id"]?.stringValue, let name = item["name"]?.stringValue else { return nil }
            return Batch(id: id, name: name, description: item["description"]?.stringValue, color: item["color"]?.stringValue)
        }
    }
}
