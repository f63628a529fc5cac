// Checks run in the browser before Save / Submit (behaviour spec §10):
// - built-in (Submit only): required classifications answered, text regexes matched, required tools drawn;
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

/**
 * Compiles the project's validation source into a function of `answers`. Accepted forms:
 * a function expression or arrow (`(answers) => [...]`), a function declaration
 * (`function validate(answers) {...}`, possibly after helpers), or a bare body using `answers`
 * and ending in `return [...]`. Runs in the page (the source is written by the project's managers).
 */
export function compileValidation(source) {
  const src = String(source || '').trim();
  if (!src) return null;
  try {
    const fn = new Function(`"use strict"; return (${src}\n);`)();
    if (typeof fn === 'function') return fn;
  } catch { /* not a single expression: try it as a body */ }
  const declared = src.match(/^\s*(?:async\s+)?function\s+([A-Za-z_$][\w$]*)/m)?.[1];
  const tail = declared ? `\n;return ${declared}(answers);` : '';
  return new Function('answers', `"use strict";\n${src}${tail}`);
}

/** Runs the project's function; its errors as [{message, preventSubmission}] (missing = blocks). */
export function customErrors(project, answer) {
  if (!project.customValidationEnabled || !project.validationFunction) return [];
  let result;
  try {
    const fn = compileValidation(project.validationFunction);
    result = fn ? fn(JSON.parse(JSON.stringify(answer))) : [];
  } catch (error) {
    return [{ message: `The project's validation function failed: ${error.message}`, preventSubmission: false }];
  }
  if (!result) return [];
  const list = Array.isArray(result) ? result : [result];
  return list.filter(Boolean).map((e) => (typeof e === 'string'
    ? { message: e, preventSubmission: true }
    : { ...e, message: e.message || 'Validation error', preventSubmission: e.preventSubmission !== false }));
}
