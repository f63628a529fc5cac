// The Assets tab: import (drag and drop files, or a cloud-import JSON) and the assets list.
import { api, signedUrl } from '../api.js';
import { buildHash, go, links } from '../router.js';
import { h, mount, formatDate, emptyState, loading } from '../ui/dom.js';
import { showError, clearError, errorText, toast } from '../ui/notify.js';
import { pager } from '../ui/pager.js';
import { importOptions } from './import-options.js';
import { uploadFiles } from './import-upload.js';
import { cloudImportCard } from './import-cloud.js';

/** A short type for the list, from the file extension. */
function assetType(asset) {
  const ext = ((asset.data || '').split('?')[0].match(/\.([a-z0-9]+)$/i) || [])[1]?.toLowerCase();
  if (!ext) return /^https?:/.test(asset.data || '') ? 'link' : 'text';
  if (['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'tif', 'tiff', 'svg'].includes(ext)) return 'image';
  if (['mp4', 'webm', 'mov'].includes(ext)) return 'video';
  if (['mp3', 'wav', 'ogg', 'flac'].includes(ext)) return 'audio';
  if (['txt', 'md', 'html', 'htm', 'json', 'csv'].includes(ext)) return 'text';
  return ext;
}

export async function render(host, route, { pid, getProject, reloadProject }) {
  const root = h('div', { class: 'assets-tab' });
  host.append(root);
  const options = importOptions({ pid, getProject, reloadProject, idPrefix: 'import' });
  const fileInput = h('input', { id: 'import-files', type: 'file', multiple: true, class: 'visually-hidden' });
  const uploadList = h('ul', { class: 'upload-list', 'aria-label': 'Uploads' });
  const summary = h('div', { 'aria-live': 'polite' });
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const drop = h('div', { class: 'dropzone', tabindex: 0, role: 'button', 'aria-describedby': 'dropzone-help', dataset: { testid: 'dropzone' } },
    h('div', { class: 'dropzone-icon', 'aria-hidden': 'true' }, '⇪'),
    h('strong', {}, 'Drop files here'),
    h('span', { id: 'dropzone-help', class: 'muted' }, 'or ', h('label', { for: 'import-files', class: 'link' }, 'choose files'), ' — images, text, audio, video. The file name becomes the External ID.'),
    fileInput);
  let busy = false;

  async function start(files) {
    if (!files.length || busy) return;
    formError.hidden = true;
    busy = true; drop.classList.add('busy');
    try {
      const { batchId, priority } = await options.values();
      const out = await uploadFiles({ pid, files, list: uploadList, batchId, priority });
      mount(summary, h('div', { class: out.failed ? 'banner warn' : 'banner ok', dataset: { testid: 'import-summary' } },
        `${out.imported} asset${out.imported === 1 ? '' : 's'} imported`, out.failed ? `, ${out.failed} failed (see above)` : '', '. ',
        h('a', { href: links.project(pid, 'tasks') }, 'See the tasks')));
      if (out.imported) { await reloadProject().catch(() => {}); cloud.refresh(); loadList(); }
    } catch (e) {
      formError.textContent = errorText(e); formError.hidden = false;
    } finally {
      busy = false; drop.classList.remove('busy');
    }
  }

  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); start([...(e.dataTransfer?.files || [])]); });
  drop.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); fileInput.click(); } });
  drop.addEventListener('click', (e) => { if (e.target === drop) fileInput.click(); });
  fileInput.addEventListener('change', () => { start([...fileInput.files]); fileInput.value = ''; });

  const cloud = cloudImportCard({ pid, getProject, reloadProject, onImported: () => { options.refresh(); loadList(); } });
  const listSlot = h('div', {});
  const listCard = h('section', { class: 'card', 'aria-labelledby': 'assets-title' }, h('h2', { id: 'assets-title' }, 'Assets'), listSlot);
  root.append(
    h('div', { class: 'grid-2' },
      h('section', { class: 'card', 'aria-labelledby': 'upload-title' },
        h('h2', { id: 'upload-title' }, 'Upload files'), h('p', { class: 'muted' }, 'Files are stored on this Gloss server.'), options.node, drop, formError, uploadList, summary),
      cloud.node),
    listCard);

  let params = route.params;
  async function loadList() {
    const page = Math.max(1, Number(params.get('page')) || 1);
    const limit = Number(params.get('limit')) || 25;
    clearError(listCard);
    if (!listSlot.firstChild) mount(listSlot, loading('Loading assets…'));
    try {
      const data = await api(`/v2/project/${pid}/assets`, { query: { page, limit, filters: {} } });
      const assets = data.assets || [];
      if (!assets.length) { mount(listSlot, emptyState('No assets yet', 'Drop files above or paste a cloud-import JSON.')); return; }
      const names = new Map((getProject().batches || []).map((b) => [b._id, b.name]));
      mount(listSlot, h('div', { class: 'table-wrap' }, h('table', { class: 'table', dataset: { testid: 'assets-table' } },
        h('thead', {}, h('tr', {}, ['External ID', 'Type', 'Batches', 'Created At', 'Data'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, assets.map((a) => h('tr', { dataset: { assetId: a._id } },
          h('td', { dataset: { col: 'externalId' } }, a.externalId || '—'),
          h('td', { dataset: { col: 'type' } }, h('span', { class: 'pill subtle' }, assetType(a))),
          h('td', { dataset: { col: 'batches' } }, (a.batches || []).length ? a.batches.map((id) => h('span', { class: 'pill subtle' }, names.get(id) || id)) : h('span', { class: 'muted' }, '—')),
          h('td', { class: 'nowrap', dataset: { col: 'createdAt' } }, formatDate(a.createdAt)),
          h('td', { class: 'data-cell', dataset: { col: 'data' } }, /^https?:|^\//.test(a.data || '')
            ? h('a', { href: a.data, target: '_blank', rel: 'noopener', title: a.data, onclick: (e) => openSigned(e, a.data) }, a.data)
            : h('span', { class: 'muted', title: a.data }, (a.data || '').slice(0, 80)))))))),
      pager({ page, limit, total: data.total || 0, onChange: (p) => go(buildHash(`/projects/${pid}/assets`, p)) }));
    } catch (error) {
      mount(listSlot);
      showError(listCard, error, { title: 'Assets could not be loaded' });
    }
  }

  /** Gloss file URLs need a fresh signature to open in a tab. */
  async function openSigned(event, url) {
    event.preventDefault();
    try { window.open(await signedUrl(url), '_blank', 'noopener'); } catch (e) { toast(errorText(e), 'error'); }
  }

  await loadList();
  return { update(r) { params = r.params; options.refresh(); cloud.refresh(); loadList(); } };
}
