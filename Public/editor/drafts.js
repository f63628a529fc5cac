// Unsaved work kept in localStorage per user and task (`gloss.draft.<userId>.<taskId>`), so a
// closed tab can be offered back, but never to another user of the same browser. Written on every
// change, cleared after a successful Save / Submit / review; api.js's signOut removes every
// `gloss.draft.*` key.
const key = (owner, taskId) => `gloss.draft.${owner}.${taskId}`;

export function writeDraft(owner, taskId, answer) {
  try {
    localStorage.setItem(key(owner, taskId), JSON.stringify({ savedAt: Date.now(), answer }));
  } catch { /* storage full or disabled: drafts are a convenience */ }
}

/** The draft `{savedAt, answer}` of a user for a task, or null. */
export function readDraft(owner, taskId) {
  try {
    const text = localStorage.getItem(key(owner, taskId));
    const draft = text ? JSON.parse(text) : null;
    return draft && draft.answer ? draft : null;
  } catch { return null; }
}

export function clearDraft(owner, taskId) {
  try { localStorage.removeItem(key(owner, taskId)); } catch { /* ignore */ }
}

/**
 * The draft worth offering when a task opens: newer than the server's last update and different
 * from the server's answer.
 */
export function offeredDraft(owner, task) {
  const draft = readDraft(owner, task._id);
  if (!draft) return null;
  const serverTime = Date.parse(task.updatedAt || '') || 0;
  if (draft.savedAt <= serverTime) { clearDraft(owner, task._id); return null; }
  if (canonical(draft.answer) === canonical(task.answer)) { clearDraft(owner, task._id); return null; }
  return draft;
}

function canonical(answer) {
  const a = answer || {};
  return stable({ t: a.tools || a.objects || [], c: a.classifications || [], r: a.relations || [] });
}

/** JSON with object keys sorted, so key order does not make two answers differ. */
function stable(value) {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
