/// Review decisions (`POST /review/{taskId}`), as the SDK's ReviewStatus spells them.
public enum ReviewStatus: String, Sendable, CaseIterable {
    case accepted = "Accepted", rejected = "Rejected", todo = "Todo", fixed = "Fixed"
}

extension WorkflowService {
    /// A review: Accepted leaves a Review stage by `next[0]`, Rejected by `next[1]`, with a history
    /// entry carrying the decision; Todo and Fixed only set `reviewStatus`. Reviewers may edit the
    /// answer in the same call unless the stage is read-only. Labelers may not review.
    /// `openingIssue` (Rejected only) is written with the rejection, in the same transaction.
    public func review(_ taskID: String, status: ReviewStatus, body: WorkBody, project: Project, by user: User,
                       openingIssue: Issue? = nil, notices: [AppNotification] = []) async throws -> LabelTask {
        if openingIssue != nil, status != .rejected { throw DomainError.invalid("an issue can only be opened with reviewStatus Rejected") }
        try project.require(.review, for: user)
        let now = now()
        return try await step(taskID, project: project) { input, engine, changes in
            var task = input.task
            guard let stage = project.workflow.stage(id: task.stage), stage.type == .review else {
                throw DomainError.invalid("task \(task.id) is not in a Review stage")
            }
            let assigned = stage.assignedTo
            if !assigned.isEmpty, !assigned.contains(where: { $0.lowercased() == user.email }) {
                try project.require(.manageTasks, for: user, doing: "review in stage \(stage.name), which is assigned to other reviewers")
            }
            if body.answer != nil { try Self.checkEditable(task, in: project) }
            try body.apply(to: &task, project: project, user: user, now: now, submitting: body.answer != nil)
            task.reviewStatus = status.rawValue
            let output: Int
            switch status {
            case .accepted: output = 0
            case .rejected:
                output = 1
                if var issue = openingIssue {
                    issue.stageID = task.stage
                    changes.openedIssues.append(issue)
                    changes.notifications += notices
                }
            case .todo, .fixed:
                changes.update(task)
                return task
            }
            let moved = try engine.leave(task, output: output, by: user.email, reviewStatus: status.rawValue,
                                         context: Self.annotators(input.history, in: project), changes: &changes)
            changes.update(moved)
            return moved
        }
    }
}
