/// What a save, submit, review or SDK annotate carries: an answer, brush URLs and the active
/// time the editor measured since it last reported.
public struct WorkBody: Sendable {
    /// The answer, normalized (`objects` -> `tools`, object ids filled in); nil keeps the stored one.
    public var answer: JSONValue?
    /// New brush mask URL; nil keeps the stored one (the SDK always sends null).
    public var brushDataURL: String?
    /// New medical brush URL; nil keeps the stored one.
    public var medicalBrushDataURL: String?
    /// Active milliseconds the client reports.
    public var activeMillis: Int64

    /// Parses a request body.
    public static func parse(_ body: JSONValue, ids: any IDGenerator) throws -> WorkBody {
        guard let object = body.objectValue else { throw DomainError.invalid("body must be a JSON object") }
        var work = WorkBody(answer: nil, brushDataURL: nil, medicalBrushDataURL: nil, activeMillis: 0)
        if let answer = object["answer"], !answer.isNull { work.answer = try AnswerInput.normalize(answer, ids: ids) }
        for (key, path) in [("brushDataUrl", \WorkBody.brushDataURL), ("medicalBrushDataUrl", \WorkBody.medicalBrushDataURL)] {
            guard let value = object[key], !value.isNull else { continue }
            guard let text = value.stringValue else { throw DomainError.invalid("\(key) must be a string") }
            work[keyPath: path] = text
        }
        if let duration = object["duration"], !duration.isNull {
            guard let ms = duration.doubleValue, ms >= 0, ms.isFinite else { throw DomainError.invalid("duration must be a number of milliseconds, zero or more") }
            work.activeMillis = Int64(ms)
        }
        return work
    }

    /// Applies the body to `task`: the answer (checked against the schema; submits also check
    /// required and regex rules, on the stored answer when none is sent), brush URLs, credited
    /// time, and who/when.
    func apply(to task: inout LabelTask, project: Project, user: User, now: Int64, submitting: Bool) throws {
        if let answer {
            task.answer = try AnswerValidator.validated(answer, schema: project.categorySchema, submitting: submitting)
        } else if submitting {
            try AnswerValidator.check(task.answer, schema: project.categorySchema, submitting: true)
        }
        if let brushDataURL { task.brushDataURL = brushDataURL }
        if let medicalBrushDataURL { task.medicalBrushDataURL = medicalBrushDataURL }
        let credited = Self.credit(activeMillis, task: task, project: project, now: now)
        task.duration += credited
        task.totalDuration += credited
        // Save restarts the editor's timer.
        if task.openedAt != nil { task.openedAt = now }
        task.updatedBy = user.email
        task.updatedAt = now
    }

    /// Reported active time, capped by the wall time since the task was opened (or last saved);
    /// for a task not opened through the queue, by one idle timeout. Never negative.
    /// The most one save outside the queue counts when idle detection is off (12 hours).
    static let capWithoutIdleDetection: Int64 = 12 * 3600 * 1000

    static func credit(_ reported: Int64, task: LabelTask, project: Project, now: Int64) -> Int64 {
        guard reported > 0 else { return 0 }
        let cap: Int64
        if let opened = task.openedAt {
            cap = max(0, now - opened)
        } else {
            // Opened outside the queue, so the open time is unknown: one save counts at most one
            // idle period. An idleTimeout of 0 turns idle detection off; then a working day.
            let idle = project.settings.number("idleTimeout", default: 300)
            cap = idle > 0 ? Int64(idle * 1000) : WorkBody.capWithoutIdleDetection
        }
        return min(reported, cap)
    }
}
