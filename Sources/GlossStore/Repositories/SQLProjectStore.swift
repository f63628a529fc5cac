import GlossCore
import SQLKit

/// `ProjectStore` on SQL.
public struct SQLProjectStore: ProjectStore {
    let database: any GlossDatabase
    let documents = ProjectDocumentCache()

    /// Creates the store.
    public init(database: any GlossDatabase) { self.database = database }

    public func create(_ project: Project) async throws {
        try await database.transaction { db in
            try await db.raw("""
                INSERT INTO projects (id, organization_id, name, description, type, owner, category_schema, stages, settings,
                  deleted, created_at, updated_at, next_position, task_count, asset_count, members, batches)
                VALUES (\(bind: project.id), \(bind: project.organizationID), \(bind: project.name), \(bind: project.description),
                  \(bind: project.type.rawValue), \(bind: project.owner), \(bind: JSONText.of(project.categorySchema)),
                  \(bind: JSONText.of(project.workflow.json)), \(bind: JSONText.of(.object(project.settings.values))),
                  \(bind: false), \(bind: project.createdAt), \(bind: project.updatedAt), \(bind: Int64(0)), \(bind: Int64(0)), \(bind: Int64(0)),
                  \(bind: ProjectJSONColumns.members(project.members)), \(bind: ProjectJSONColumns.batches(project.batches)))
                """).run()
            try await Self.writeMembers(project.id, project.members, on: db)
        }
    }

    public func project(id: String) async throws -> Project? {
        try await database.read { db in
            guard let row = try await db.readRows("SELECT * FROM projects WHERE id = \(bind: id) AND deleted = \(bind: false)").first else {
                return nil
            }
            let id = try row.string("id")
            let docs = try documents.documents(projectID: id, texts: [
                try row.string("category_schema"), try row.string("stages"), try row.string("settings"), try row.string("members"),
                try row.string("batches"),
            ])
            var project = Project(
                id: id, organizationID: try row.string("organization_id"), name: try row.string("name"),
                description: try row.string("description"), type: ProjectType(rawValue: try row.string("type")) ?? .ango,
                owner: try row.string("owner"), categorySchema: docs.schema, workflow: docs.workflow,
                members: docs.members, batches: docs.batches, settings: docs.settings,
                deleted: try row.bool("deleted"), createdAt: try row.int64("created_at"), updatedAt: try row.int64("updated_at"))
            project.assetCount = try row.int("asset_count")
            return project
        }
    }

    public func list(organizationID: String, memberEmail: String?, page: PageRequest) async throws -> (projects: [ProjectSummary], total: Int) {
        try await database.read { db in
            var condition: SQLQueryString = "p.organization_id = \(bind: organizationID) AND p.deleted = \(bind: false)"
            if let email = memberEmail {
                condition += " AND EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.email = \(bind: email))"
            }
            let total = try await db.raw("SELECT COUNT(*) AS n FROM projects p WHERE " + condition).first()?.int("n") ?? 0
            let rows = try await db.raw("SELECT p.id, p.name, p.description, p.organization_id, p.created_at FROM projects p WHERE "
                + condition + " ORDER BY p.created_at DESC, p.id DESC LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)").all()
            let projects = try rows.map {
                ProjectSummary(id: try $0.string("id"), name: try $0.string("name"), description: try $0.string("description"),
                               organizationID: try $0.string("organization_id"), createdAt: try $0.int64("created_at"))
            }
            return (projects, total)
        }
    }

    public func update(_ project: Project, removedStageIDs: [String], clearingBenchmarks: Bool) async throws {
        try await database.transaction { db in
            if clearingBenchmarks {
                // Turning benchmarks off deletes every result gathered so far, and the copies in progress.
                try await db.raw("DELETE FROM benchmark_results WHERE project_id = \(bind: project.id)").run()
                let copies = try await db.raw("SELECT id FROM tasks WHERE project_id = \(bind: project.id) AND type = 'benchmark'").all()
                    .map { try $0.string("id") }
                _ = try await TaskDeletion.delete(projectID: project.id, taskIDs: copies, on: db)
            }
            if !removedStageIDs.isEmpty {
                let rows = try await db.raw("""
                    SELECT stage, COUNT(*) AS n FROM tasks WHERE project_id = \(bind: project.id) AND stage IN (\(binds: removedStageIDs))
                    GROUP BY stage ORDER BY stage
                    """).all()
                if let row = rows.first {
                    throw DomainError.invalid("stage \(try row.string("stage")) still holds \(try row.int("n")) tasks: requeue them to another stage before removing it")
                }
            }
            try await db.raw("""
                UPDATE projects SET name = \(bind: project.name), description = \(bind: project.description),
                  type = \(bind: project.type.rawValue), category_schema = \(bind: JSONText.of(project.categorySchema)),
                  stages = \(bind: JSONText.of(project.workflow.json)), settings = \(bind: JSONText.of(.object(project.settings.values))),
                  updated_at = \(bind: project.updatedAt)
                WHERE id = \(bind: project.id)
                """).run()
        }
    }

    public func replaceBatches(projectID: String, batches: [Batch], updatedAt: Int64) async throws {
        try await database.transaction { db in
            let keep = Set(batches.map(\.id))
            guard let row = try await db.raw("SELECT batches FROM projects WHERE id = \(bind: projectID)").first() else { return }
            for removed in try ProjectJSONColumns.batches(row.json("batches")).map(\.id) where !keep.contains(removed) {
                try await db.raw("DELETE FROM task_batches WHERE project_id = \(bind: projectID) AND batch_id = \(bind: removed)").run()
                try await BatchListText.remove(removed, projectID: projectID, on: db)
            }
            try await db.raw("""
                UPDATE projects SET batches = \(bind: ProjectJSONColumns.batches(batches)), updated_at = \(bind: updatedAt) WHERE id = \(bind: projectID)
                """).run()
        }
    }

    public func upsertMembers(projectID: String, members: [ProjectMember], newUsers: [User], updatedAt: Int64) async throws {
        try await database.transaction { db in
            for user in newUsers {
                // People added to a project before they have an account become organization members
                // now; their key stays unusable until they accept an invite or rotate it.
                if try await db.raw("SELECT id FROM users WHERE email = \(bind: user.email)").first() != nil {
                    throw DomainError.conflict("a user with email \(user.email) already exists")
                }
                try await SQLIdentityStore(database: database).insert(user, apiKey: StoredAPIKey(hash: "unusable:" + user.id, hint: ""),
                                                                     passwordHash: nil, on: db)
            }
            try await Self.upsertMembers(projectID: projectID, members: members, updatedAt: updatedAt, on: db)
        }
    }

    /// Adds or re-roles members inside the caller's transaction, keeping the `members` column in step.
    static func upsertMembers(projectID: String, members: [ProjectMember], updatedAt: Int64, on db: any SQLDatabase) async throws {
        for member in members {
            try await db.raw("DELETE FROM project_members WHERE project_id = \(bind: projectID) AND email = \(bind: member.assignee)").run()
        }
        try await Self.writeMembers(projectID, members, on: db)
        try await rewriteMembersColumn(projectID: projectID, updatedAt: updatedAt, on: db)
    }

    /// Recomputes `projects.members` from `project_members`.
    static func rewriteMembersColumn(projectID: String, updatedAt: Int64, on db: any SQLDatabase) async throws {
        let all = try await db.raw("SELECT email, role FROM project_members WHERE project_id = \(bind: projectID) ORDER BY email").all()
            .map { ProjectMember(assignee: try $0.string("email"), role: ProjectRole(rawValue: try $0.string("role")) ?? .labeler) }
        try await db.raw("""
            UPDATE projects SET members = \(bind: ProjectJSONColumns.members(all)), updated_at = \(bind: updatedAt) WHERE id = \(bind: projectID)
            """).run()
    }

    public func softDelete(projectID: String, at: Int64) async throws {
        try await database.transaction { db in
            try await db.raw("UPDATE projects SET deleted = \(bind: true), updated_at = \(bind: at) WHERE id = \(bind: projectID)").run()
        }
    }

    public func purge(projectID: String) async throws {
        try await database.transaction { db in
            // Children first; the project row last.
            for table in ["issues", "benchmark_results", "task_history", "task_batches", "task_position_holes", "tasks", "assets", "outbox", "stage_logs",
                          "export_jobs", "project_members"] {
                try await db.raw("DELETE FROM \(unsafeRaw: table) WHERE project_id = \(bind: projectID)").run()
            }
            try await db.raw("DELETE FROM projects WHERE id = \(bind: projectID)").run()
        }
    }

    public func assetCount(projectID: String) async throws -> Int {
        try await database.read { db in
            // A counter kept by imports and deletes: counting rows would cost milliseconds per 100k assets.
            try await db.raw("SELECT asset_count FROM projects WHERE id = \(bind: projectID)").first()?.int("asset_count") ?? 0
        }
    }

    static func writeMembers(_ projectID: String, _ members: [ProjectMember], on db: any SQLDatabase) async throws {
        try await BulkInsert.run(db, table: "project_members", columns: ["project_id", "email", "role"],
                                 rows: members.map { [.text(projectID), .text($0.assignee), .text($0.role.rawValue)] })
    }
}
