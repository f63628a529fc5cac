// Read-only helpers over a project's categorySchema (api spec §5).

/** Tool kinds drawn on images; `ner` is for text assets. */
export const IMAGE_KINDS = ['bounding-box', 'rotated-bounding-box', 'polygon', 'polyline', 'point', 'brush'];
export const TEXT_KINDS = ['ner'];

export class Schema {
  constructor(categorySchema) {
    const cs = categorySchema || {};
    this.tools = (cs.tools || []).filter((t) => t && t.schemaId);
    this.classifications = (cs.classifications || []).filter((c) => c && c.schemaId);
    this.relations = (cs.relations || []).filter((r) => r && r.schemaId);
    this.byId = new Map(this.tools.map((t) => [t.schemaId, t]));
  }

  tool(schemaId) { return this.byId.get(schemaId); }

  /** Classes of the same tool type as `schemaId` (re-class targets). */
  sameKind(schemaId) {
    const kind = this.tool(schemaId)?.tool;
    return this.tools.filter((t) => t.tool === kind);
  }

  color(schemaId) { return this.tool(schemaId)?.color || '#3b82f6'; }
}

/** The options of a classification, tree dropdowns flattened to "A / B" paths. */
export function optionsOf(schema) {
  if (schema.tool === 'tree-dropdown' && Array.isArray(schema.treeOptions) && schema.treeOptions.length) {
    const out = [];
    const walk = (nodes, prefix, depth) => {
      for (const node of nodes || []) {
        const value = prefix ? `${prefix} / ${node.title}` : node.title;
        out.push({ value, schemaId: node.schemaId || node.key || value, depth, title: node.title });
        walk(node.children, value, depth + 1);
      }
    };
    walk(schema.treeOptions, '', 0);
    return out;
  }
  return (schema.options || []).map((o) => ({
    value: o.value ?? o.schemaId, schemaId: o.schemaId ?? o.value,
    depth: String(o.value || '').split(' / ').length - 1, title: String(o.value || '').split(' / ').pop(),
  }));
}

/** Whether a classification answer counts as given (same rule as the server). */
export function isAnswered(value) {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** Option schemaIds an answer chose (by value, or legacy by schemaId). */
export function chosenOptionIds(schema, answer) {
  const texts = typeof answer === 'string' ? [answer] : Array.isArray(answer) ? answer.filter((a) => typeof a === 'string') : [];
  const options = optionsOf(schema);
  return new Set(texts.map((t) => options.find((o) => o.value === t || o.schemaId === t)?.schemaId ?? t));
}

/** Nested questions of `schema` visible for `answer` (L6: conditional on parentOptionId). */
export function visibleChildren(schema, answer) {
  const children = (schema.classifications || []).filter((c) => c && c.schemaId);
  if (!isAnswered(answer)) return [];
  if (schema.tool === 'text' || schema.tool === 'boolean' || schema.tool === 'rank') {
    return children.filter((c) => !c.parentOptionId);
  }
  const chosen = chosenOptionIds(schema, answer);
  return children.filter((c) => !c.parentOptionId || chosen.has(c.parentOptionId));
}

/**
 * The answer list as sent to the server: only answered, visible questions, recursively, each as
 * `{schemaId, title, tool, answer, classifications}` (§7.4).
 */
export function pruneClassifications(list, schemas) {
  const out = [];
  for (const schema of schemas || []) {
    const entry = (list || []).find((e) => e && e.schemaId === schema.schemaId);
    if (!entry || !isAnswered(entry.answer)) continue;
    out.push({
      schemaId: schema.schemaId, title: schema.title, tool: schema.tool, answer: entry.answer,
      classifications: pruneClassifications(entry.classifications, visibleChildren(schema, entry.answer)),
    });
  }
  return out;
}
