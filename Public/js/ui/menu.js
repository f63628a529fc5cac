// A button that opens a small menu of items (Actions, Columns, the user menu). Closes on outside
// click and Escape; arrow keys move between items, as people expect from a menu button.
import { h } from './dom.js';

/**
 * menuButton({label, testid, items: [{label, action, testid, disabled} | node], align})
 * Items may be plain nodes (e.g. checkbox rows for the Columns menu).
 */
export function menuButton({ label, testid, items, align = 'left', buttonClass = 'btn' }) {
  const list = h('div', { class: `menu-list ${align}`, role: 'menu', hidden: true });
  const button = h('button', { type: 'button', class: buttonClass + ' menu-btn', 'aria-haspopup': 'menu', 'aria-expanded': 'false', dataset: testid ? { testid } : {} }, label, h('span', { class: 'caret', 'aria-hidden': 'true' }, '▾'));
  const wrap = h('div', { class: 'menu' }, button, list);
  const render = () => {
    list.replaceChildren();
    for (const item of typeof items === 'function' ? items() : items) {
      if (item instanceof Node) { list.append(item); continue; }
      list.append(h('button', {
        type: 'button', role: 'menuitem', class: 'menu-item' + (item.danger ? ' danger' : ''), disabled: !!item.disabled,
        dataset: item.dataset || {}, onclick: () => { close(); item.action(); },
      }, item.label));
    }
  };
  const onOutside = (e) => { if (!wrap.contains(e.target)) close(); };
  function open() {
    render();
    list.hidden = false; button.setAttribute('aria-expanded', 'true');
    document.addEventListener('mousedown', onOutside);
    list.querySelector('[role=menuitem]:not([disabled]), input')?.focus();
  }
  function close() {
    list.hidden = true; button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('mousedown', onOutside);
  }
  button.addEventListener('click', () => (list.hidden ? open() : close()));
  wrap.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !list.hidden) { e.stopPropagation(); close(); button.focus(); }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const items = [...list.querySelectorAll('[role=menuitem]:not([disabled]), input')];
      if (!items.length) return;
      e.preventDefault();
      const i = items.indexOf(document.activeElement);
      items[(i + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length].focus();
    }
  });
  return wrap;
}
