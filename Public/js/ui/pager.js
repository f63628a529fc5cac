// The pager under server-paged tables: "1–25 of 230", page size, Previous / Next.
import { h } from './dom.js';

export const PAGE_SIZES = [10, 25, 50, 100];

/** A pager for `total` rows at `page` (1-based) of `limit`; onChange({page, limit}). */
export function pager({ page, limit, total, onChange, testid = 'pager' }) {
  const pages = Math.max(1, Math.ceil(total / limit));
  const first = total === 0 ? 0 : (page - 1) * limit + 1;
  const last = Math.min(total, page * limit);
  const sizeId = testid + '-size';
  // A size from a shared link (?limit=2) is listed too: otherwise the control would show 10 while
  // the page holds 2 rows, and choosing 10 would fire no change.
  const sizes = PAGE_SIZES.includes(limit) || !(Number.isInteger(limit) && limit > 0) ? PAGE_SIZES : [...PAGE_SIZES, limit].sort((a, b) => a - b);
  const size = h('select', { id: sizeId, dataset: { testid: 'page-size' }, onchange: (e) => onChange({ page: 1, limit: Number(e.target.value) }) },
    sizes.map((n) => h('option', { value: n, selected: n === limit }, String(n))));
  return h('nav', { class: 'pager', 'aria-label': 'Pages', dataset: { testid } },
    h('span', { class: 'pager-count', dataset: { testid: 'total' } }, `${first}–${last} of ${total}`),
    h('label', { for: sizeId, class: 'pager-size' }, 'Rows per page ', size),
    h('button', { type: 'button', class: 'btn', disabled: page <= 1, dataset: { testid: 'prev-page' }, onclick: () => onChange({ page: page - 1, limit }) }, '‹ Previous'),
    h('span', { class: 'pager-page' }, `Page ${Math.min(page, pages)} of ${pages}`),
    h('button', { type: 'button', class: 'btn', disabled: page >= pages, dataset: { testid: 'next-page' }, onclick: () => onChange({ page: page + 1, limit }) }, 'Next ›'));
}
