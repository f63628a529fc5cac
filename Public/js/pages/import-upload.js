// Drag-and-drop (or picked) files: each goes to a signed upload URL with its own progress bar,
// then one cloud-import call creates the assets (External ID = the file name) and their tasks.
import { api } from '../api.js';
import { h, mount, randomHex } from '../ui/dom.js';
import { errorText } from '../ui/notify.js';

/** A storage name the server accepts (letters, digits, . _ -), unique per upload. */
function storageName(file) {
  const ext = (file.name.match(/\.([A-Za-z0-9]{1,10})$/) || [])[1];
  return randomHex(32) + (ext ? '.' + ext.toLowerCase() : '');
}

/** PUTs the bytes with XMLHttpRequest, the only browser API that reports upload progress. */
function put(url, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    if (file.type) xhr.setRequestHeader('Content-Type', file.type);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) { onProgress(1); resolve(); return; }
      let message = `upload failed (${xhr.status})`;
      try { message = JSON.parse(xhr.responseText).message || message; } catch { /* not JSON */ }
      reject(new Error(message));
    };
    xhr.onerror = () => reject(new Error('network error during upload'));
    xhr.send(file);
  });
}

/** Image width/height for the asset metadata (the editor and exports use them); null otherwise. */
async function imageSize(file) {
  if (!file.type.startsWith('image/') || typeof createImageBitmap !== 'function') return null;
  try { const bitmap = await createImageBitmap(file); const size = { width: bitmap.width, height: bitmap.height }; bitmap.close(); return size; } catch { return null; }
}

/**
 * Uploads `files` into `list` (one progress row each) and imports the ones that arrived.
 * Returns {imported, failed, result}.
 */
export async function uploadFiles({ pid, files, list, batchId, priority }) {
  const rows = files.map((file) => {
    const bar = h('progress', { max: 1, value: 0, 'aria-label': `Upload progress of ${file.name}` });
    const state = h('span', { class: 'upload-state' }, 'Waiting');
    const row = h('li', { class: 'upload-row', dataset: { testid: 'upload-row', file: file.name } }, h('span', { class: 'upload-name' }, file.name), bar, state);
    return { file, bar, state, row };
  });
  mount(list, rows.map((r) => r.row));
  const assets = [];
  let failed = 0;
  let next = 0;
  // Three uploads at a time: fast on a LAN, gentle on the server.
  async function worker() {
    while (next < rows.length) {
      const r = rows[next++];
      try {
        r.state.textContent = 'Uploading';
        const { uploadUrl } = await api('/v2/getUploadUrl', { query: { project: pid, name: storageName(r.file), type: 'assets' } });
        await put(uploadUrl, r.file, (p) => { r.bar.value = p; });
        const item = { data: uploadUrl.split('?')[0], externalId: r.file.name };
        const size = await imageSize(r.file);
        if (size) item.metadata = size;
        assets.push(item);
        r.state.textContent = 'Uploaded';
        r.row.classList.add('done');
      } catch (e) {
        failed++;
        r.state.textContent = errorText(e);
        r.row.classList.add('failed');
      }
    }
  }
  await Promise.all([worker(), worker(), worker()]);
  if (!assets.length) return { imported: 0, failed, result: null };
  const body = { assets, uploadLocal: 'true' };
  if (priority !== null) body.priority = priority;
  const data = await api(`/v2/project/${pid}/cloud`, { method: 'POST', query: batchId ? { batches: [batchId] } : undefined, body });
  rows.forEach((r) => { if (r.row.classList.contains('done')) r.state.textContent = 'Imported'; });
  return { imported: data?.assets?.assetsCreated ?? assets.length, failed, result: data?.assets };
}
