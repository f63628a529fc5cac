// Settings → General → Error codes: the project's error schema, categories each with codes
// (`errorSchema: {categories: [{name, codes: [{name, key?}]}]}`), edited in place and saved with
// the rest of the General form. Without a stored schema the server applies Ango's three
// categories with free-text codes, so the editor starts from those.
import { h, mount } from '../ui/dom.js';

const DEFAULT_CATEGORIES = ['Wrong', 'Missing', 'Unqualified'];

/**
 * {node, value(), problem(), touched()}: value() is the schema to send, problem() the first
 * mistake (or null), touched() whether the user changed anything (an untouched default is not
 * sent, so the project keeps following the server's defaults).
 */
export function errorSchemaEditor(stored) {
  const source = Array.isArray(stored?.categories) ? stored.categories : DEFAULT_CATEGORIES.map((name) => ({ name, codes: [] }));
  const categories = source.map((c) => ({ name: String(c.name ?? ''), codes: (c.codes || []).map((x) => ({ name: String(x.name ?? ''), key: x.key ? String(x.key) : '' })) }));
  let touched = false;
  const list = h('div', { class: 'error-categories', dataset: { testid: 'error-categories' } });
  const addCategory = h('button', { type: 'button', class: 'btn small', dataset: { testid: 'add-category' }, onclick: () => {
    categories.push({ name: '', codes: [] });
    changed();
    list.querySelector('.error-category:last-child [data-field=category-name]')?.focus();
  } }, '+ Add category');
  const node = h('div', { class: 'error-schema', dataset: { testid: 'error-schema' } },
    h('p', { class: 'hint' }, 'Categories, each with its codes. A key is an optional short name for a code (e.g. W1).'), list, h('div', { class: 'row' }, addCategory));

  function changed() { touched = true; draw(); }

  // Typing only updates the model; the list is redrawn on add and delete, so focus stays put.
  const bind = (input, set) => { input.addEventListener('input', () => { set(input.value); touched = true; }); return input; };

  function codeRow(cat, code, j) {
    return h('li', { class: 'error-code', dataset: { testid: 'error-code' } },
      bind(h('input', { value: code.name, 'aria-label': `Code name in ${cat.name || 'this category'}`, dataset: { field: 'code-name' } }), (v) => { code.name = v; }),
      bind(h('input', { value: code.key, class: 'code-key', placeholder: 'Key', maxlength: 20, 'aria-label': `Key of ${code.name || 'this code'}`, dataset: { field: 'code-key' } }), (v) => { code.key = v; }),
      h('button', { type: 'button', class: 'icon-btn danger', 'aria-label': `Delete code ${code.name}`, dataset: { testid: 'delete-code' },
        onclick: () => { cat.codes.splice(j, 1); changed(); } }, '×'));
  }

  function categoryCard(cat, i) {
    const newName = h('input', { placeholder: 'New code, then Enter', 'aria-label': `New code in ${cat.name || 'this category'}`, dataset: { testid: 'new-code-name' } });
    const newKey = h('input', { class: 'code-key', placeholder: 'Key', maxlength: 20, 'aria-label': 'Key of the new code (optional)', dataset: { testid: 'new-code-key' } });
    const add = () => {
      if (!newName.value.trim()) { newName.focus(); return; }
      cat.codes.push({ name: newName.value.trim(), key: newKey.value.trim() });
      changed();
      // After the redraw, the same category's "new code" box is ready for the next one.
      list.querySelectorAll('.error-category')[i]?.querySelector('[data-testid=new-code-name]')?.focus();
    };
    // Enter in the new-code boxes adds the code instead of submitting the whole General form.
    const onEnter = (e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } };
    newName.addEventListener('keydown', onEnter);
    newKey.addEventListener('keydown', onEnter);
    const name = bind(h('input', { value: cat.name, placeholder: 'Category name', 'aria-label': 'Category name', dataset: { field: 'category-name' } }), (v) => { cat.name = v; });
    name.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); newName.focus(); } });
    return h('fieldset', { class: 'error-category', dataset: { testid: 'error-category', index: String(i) } },
      h('div', { class: 'error-category-head' }, name,
        h('button', { type: 'button', class: 'icon-btn danger', 'aria-label': `Delete category ${cat.name}`, dataset: { testid: 'delete-category' },
          onclick: () => { categories.splice(i, 1); changed(); } }, '×')),
      cat.codes.length ? h('ul', { class: 'error-codes' }, cat.codes.map((code, j) => codeRow(cat, code, j)))
        : h('p', { class: 'hint' }, 'No codes: any code name is accepted in this category.'),
      h('div', { class: 'row error-code-add' }, newName, newKey,
        h('button', { type: 'button', class: 'btn small', dataset: { testid: 'add-code' }, onclick: add }, 'Add code')));
  }

  function draw() {
    mount(list, categories.length ? categories.map(categoryCard) : h('p', { class: 'muted' }, 'No categories.'));
  }

  function value() {
    return { categories: categories.map((c) => ({ name: c.name.trim(),
      codes: c.codes.map((x) => (x.key.trim() ? { name: x.name.trim(), key: x.key.trim() } : { name: x.name.trim() })) })) };
  }

  /** The first mistake, said the way the user sees it (the server's checks, plus duplicates it lets through). */
  function problem() {
    const names = new Set();
    const keys = new Set();
    for (const [i, c] of categories.entries()) {
      const name = c.name.trim();
      if (!name) return `Category ${i + 1} needs a name.`;
      if (names.has(name.toLowerCase())) return `The category “${name}” appears twice.`;
      names.add(name.toLowerCase());
      const codes = new Set();
      for (const x of c.codes) {
        if (!x.name.trim()) return `A code in “${name}” has no name.`;
        if (codes.has(x.name.trim().toLowerCase())) return `The code “${x.name.trim()}” appears twice in “${name}”.`;
        codes.add(x.name.trim().toLowerCase());
        const key = x.key.trim().toLowerCase();
        if (key && keys.has(key)) return `The key “${x.key.trim()}” is used by two codes.`;
        if (key) keys.add(key);
      }
    }
    return null;
  }

  draw();
  return { node, value, problem, touched: () => touched, isEmpty: () => categories.length === 0 };
}
