// Checks run in the browser before Save / Submit (behaviour spec §10):
// - built-in (Submit only): required classifications answered (top level, under objects and under
//   relations), text regexes matched, required tools drawn;
// - the project's custom validation function (Save and Submit) when customValidationEnabled.
import { isAnswered, visibleChildren } from './schema.js';
import { matches } from './classifications.js';

/** Built-in problems of an exported answer: [{message, preventSubmission: true}]. */
export function builtinErrors(answer, schema) {
  const errors = [];
  const walk = (list, schemas, where) => {
    for (const s of schemas) {
      const entry = (list || []).find((e) => e.schemaId === s.schemaId);
      const label = `${where}"${s.title || s.schemaId}"`;
      if (!entry || !isAnswered(entry.answer)) {
        if (s.required) errors.push({ message: `${label} is required`, preventSubmission: true, schemaId: s.schemaId });
        continue;
      }
      if (s.tool === 'text' && s.regex && !matches(s.regex, entry.answer)) {
        errors.push({ message: `${label} must match ${s.regex}`, preventSubmission: true, schemaId: s.schemaId });
      }
      walk(entry.classifications, visibleChildren(s, entry.answer), `${label} › `);
    }
  };
  walk(answer.classifications, schema.classifications, '');
  for (const rel of answer.relations || []) {
    const cls = schema.relations.find((r) => r.schemaId === rel.schemaId);
    if (cls) walk(rel.classifications, cls.classifications || [], `Relation ${cls.title || cls.schemaId} (${String(rel.objectId).slice(0, 6)}): `);
  }
  for (const object of answer.tools) {
    const tool = schema.tool(object.schemaId);
    if (tool) walk(object.classifications, tool.classifications || [], `${tool.title} (${object.objectId.slice(0, 6)}): `);
  }
  for (const tool of schema.tools) {
    // Brush traces live in the PNG mask, not in tools, so a required brush class cannot be checked here.
    if (tool.required && tool.tool !== 'brush' && !answer.tools.some((o) => o.schemaId === tool.schemaId)) {
      errors.push({ message: `At least one "${tool.title}" is required`, preventSubmission: true });
    }
  }
  return errors;
}

// The project's own function runs in validation-worker.js, never in the page (see there why).
const WORKER_URL = '/editor/validation-worker.js';
export const VALIDATION_TIMEOUT_MS = 1000;

/** Sends `message` to a fresh worker; resolves with its reply, `{timeout: true}` or `{failure}`. */
function inWorker(message) {
  return new Promise((resolve) => {
    let worker;
    try { worker = new Worker(WORKER_URL); } catch (error) { resolve({ failure: `it could not be started (${error.message})` }); return; }
    let timer = null;
    const done = (reply) => { clearTimeout(timer); worker.terminate(); resolve(reply); };
    // The timer also covers the worker's start: a fresh worker is up in a few ms.
    timer = setTimeout(() => done({ timeout: true }), VALIDATION_TIMEOUT_MS);
    worker.onmessage = (event) => done(event.data && typeof event.data === 'object' ? event.data : { failure: 'it sent back no result' });
    worker.onerror = (event) => { event.preventDefault(); done({ failure: event.message || 'the validation worker could not be loaded' }); };
    worker.onmessageerror = () => done({ failure: 'its result could not be read' });
    worker.postMessage(message);
  });
}

const TOO_LONG = 'The validation function took too long (more than 1 s); ask a project manager to fix it.';

/**
 * Runs the project's validation source on `answers` ({tools, classifications, relations}).
 * Resolves with [{message, preventSubmission, ...}]: a missing preventSubmission blocks (§10), and
 * so does a function that fails or runs too long, since a broken function must still guard.
 */
export async function runCustomValidation(source, answers) {
  if (!String(source || '').trim()) return [];
  const reply = await inWorker({ source: String(source), answers: JSON.parse(JSON.stringify(answers)) });
  if (reply.timeout) return [{ message: TOO_LONG, preventSubmission: true }];
  if ('failure' in reply) return [{ message: `The project's validation function failed: ${reply.failure}`, preventSubmission: true }];
  return toErrors(reply.errors);
}

/** The project's custom errors for `answer`, or [] when custom validation is off. */
export function customErrors(project, answer) {
  if (!project.customValidationEnabled || !project.validationFunction) return Promise.resolve([]);
  return runCustomValidation(project.validationFunction, answer);
}

/** Whether `source` compiles exactly as the editor will run it: {ok: true} or {failure: message}. */
export async function checkValidationSource(source) {
  const reply = await inWorker({ source: String(source || ''), check: true });
  if (reply.timeout) return { failure: 'it took too long to load (more than 1 s)' };
  return reply.ok ? { ok: true } : { failure: reply.failure || 'unknown error' };
}

/** The function's result as a list of error objects; strings become blocking messages. */
function toErrors(result) {
  if (!result) return [];
  const list = Array.isArray(result) ? result : [result];
  return list.filter(Boolean).map((e) => (typeof e === 'object'
    ? { ...e, message: String(e.message || 'Validation error'), preventSubmission: e.preventSubmission !== false }
    : { message: String(e), preventSubmission: true }));
}
