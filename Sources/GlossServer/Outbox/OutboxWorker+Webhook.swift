@preconcurrency import Crypto
import GlossCore

extension OutboxWorker {
    /// POSTs the webhook payload of the task as it is now, its stage fields set to the webhook
    /// stage. 2xx finishes the item; anything else is retried with backoff until the limit.
    func deliverWebhook(_ target: Target, lease: OutboxLease) async throws -> AttemptResult {
        let externalID = target.task.externalID
        let webhook: WebhookTarget
        do { webhook = try WebhookTarget.from(target.stage) } catch let error as DomainError {
            return .final("not sent: \(error.message)", externalID: externalID)
        }
        let history = try await services.taskStore.history(taskID: target.task.id)
        let payload = StagePayload.webhook(project: target.project, stage: target.stage, asset: target.asset, task: target.task,
                                           history: history)
        let body = Array(payload.jsonText().utf8)
        // The outbox item id stays the same across retries (a Re-run is a new item), so receivers can drop duplicates by it.
        let headers = [("X-Gloss-Delivery", lease.item.id)] + Self.authHeaders(webhook.auth, body: body)
        let outcome = await http.post(webhook.url, headers: headers, body: body)
        let attempt = "attempt \(lease.attempts + 1) of \(config.maxAttempts)"
        if outcome.isSuccess {
            return AttemptResult(ok: true, statusCode: outcome.status, message: "delivered: \(outcome.summary) (\(attempt))",
                                 retryable: false, externalID: externalID)
        }
        return AttemptResult(ok: false, statusCode: outcome.status, message: "\(outcome.summary) (\(attempt))", retryable: true,
                             externalID: externalID)
    }

    /// The headers of the stage's auth type: `X-Hub-Signature` is the plain hex HMAC-SHA1 of the
    /// exact bytes sent (no `sha1=` prefix, as Ango Hub signs).
    static func authHeaders(_ auth: WebhookTarget.Auth, body: [UInt8]) -> [(String, String)] {
        switch auth {
        case .none:
            return []
        case .secret(let secret):
            let key = SymmetricKey(data: Array(secret.utf8))
            return [("X-Hub-Signature", ObjectID.hex(Array(HMAC<Insecure.SHA1>.authenticationCode(for: body, using: key))))]
        case .bearer(let token):
            return [("Authorization", "Bearer \(token)")]
        }
    }
}
