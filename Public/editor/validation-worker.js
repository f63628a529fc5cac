// Runs a project's label-validation function (behaviour spec §10) in a dedicated worker, never in
// the page: the source is written by the project's managers and runs for every labeler, so it must
// not reach the labeler's session (DOM, CSRF token, the API client) and an endless loop must not
// freeze the editor (validation.js terminates this worker after a timeout).
// The server serves this file with its own CSP (`connect-src 'none'`), which is the real network
// fence; the globals removed below are a second one for a server that lacks that header.
//
// In  {source, answers}      -> out {errors: <the function's result as plain JSON>} or {failure}
// In  {source, check: true}  -> out {ok: true} or {failure} (compile only, for Settings)
'use strict';

const post = self.postMessage.bind(self);

for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'WebTransport', 'importScripts',
  'indexedDB', 'caches', 'Worker', 'SharedWorker', 'BroadcastChannel']) {
  try { delete self[name]; } catch { /* not configurable */ }
  try { Object.defineProperty(self, name, { value: undefined, writable: false, configurable: false }); } catch { /* keep going */ }
}

/** The names of the top-level `function name(` declarations (written at the start of a line). */
function declaredNames(src) {
  const top = [...src.matchAll(/^(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
  if (top.length) return top;
  return [...src.matchAll(/^\s*(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
}

/**
 * The function of `answers` a source describes. Accepted forms: a function expression or arrow
 * (`(answers) => [...]`), function declarations (`function validate(answers) {...}`; the one named
 * `validate`, else the last one, so helpers may come first), or a bare body using `answers` and
 * ending in `return [...]`. Null for an empty source.
 */
function compile(source) {
  const src = String(source || '').trim();
  if (!src) return null;
  try {
    const fn = new Function(`"use strict"; return (${src}\n);`)();
    if (typeof fn === 'function') return fn;
  } catch { /* not a single expression: try it as a body */ }
  const names = declaredNames(src);
  const entry = names.includes('validate') ? 'validate' : names[names.length - 1];
  const tail = entry ? `\n;return ${entry}(answers);` : '';
  return new Function('answers', `"use strict";\n${src}${tail}`);
}

const reason = (error) => String((error && error.message) || error || 'unknown error');

self.onmessage = async (event) => {
  const { source, answers, check } = event.data || {};
  let fn;
  try {
    fn = compile(source);
  } catch (error) {
    post({ failure: `it does not compile: ${reason(error)}` });
    return;
  }
  if (check) { post({ ok: true }); return; }
  try {
    const result = fn ? await fn(answers) : [];
    // Plain JSON only: a result holding functions or cycles must not break the reply.
    post({ errors: JSON.parse(JSON.stringify(result ?? null)) });
  } catch (error) {
    post({ failure: reason(error) });
  }
};
