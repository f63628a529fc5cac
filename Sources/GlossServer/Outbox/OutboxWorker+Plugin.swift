import GlossCore

extension OutboxWorker {
    /// POSTs the task to the stage's plugin with its `Secret` header and a task-scoped API key.
    /// 2xx means dispatched: the task waits until the plugin calls
    /// `/annotate/{taskId}?isPlugin=true&nextStage=true`. An error or timeout is not retried
    /// (Ango Hub leaves the task in the stage until Re-run); the item is given up with a log line.
    func dispatchPlugin(_ target: Target) async -> AttemptResult {
        let task = target.task
        // A task that moved on since (the plugin already answered, or a requeue) is not sent again.
        guard task.stage == target.stage.id else {
            return AttemptResult(ok: true, statusCode: nil, message: "skipped: the task is no longer in this stage",
                                 retryable: false, externalID: task.externalID)
        }
        let plugin: PluginTarget
        do { plugin = try PluginTarget.from(target.stage) } catch let error as DomainError {
            return .final("not dispatched: \(error.message)", externalID: task.externalID)
        } catch {
            return .final("not dispatched: \(error)", externalID: task.externalID)
        }
        let expires = now() + Int64(config.pluginKeyLifetime * 1000)
        let apiKey = tokens.mint(PluginToken(taskID: task.id, organizationID: target.project.organizationID, expires: expires))
        let payload = StagePayload.plugin(project: target.project, stage: target.stage, asset: target.asset, task: task,
                                          session: services.ids.next(), runBy: task.updatedBy ?? target.project.owner, apiKey: apiKey)
        let headers = plugin.secret.map { [("Secret", $0)] } ?? []
        let outcome = await http.post(plugin.url, headers: headers, body: Array(payload.jsonText().utf8))
        let name = plugin.pluginID.map { "plugin \($0)" } ?? "the plugin"
        if outcome.isSuccess {
            return AttemptResult(ok: true, statusCode: outcome.status, message: "dispatched to \(name): \(outcome.summary)",
                                 retryable: false, externalID: task.externalID)
        }
        return AttemptResult(ok: false, statusCode: outcome.status,
                             message: "dispatch to \(name) failed: \(outcome.summary); the task stays here until Re-run",
                             retryable: false, externalID: task.externalID)
    }
}
