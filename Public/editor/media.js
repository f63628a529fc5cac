// Loading a task's asset: an image (decoded before it is shown, so the swap is instant) or a
// text document (a URL of a text file, or inline text in asset.data; api spec §4.3).
import { api, signedUrl } from '../js/api.js';

const TEXT_EXT = /\.(txt|text|md|markdown|csv|tsv|json|jsonl|xml|log|html?)$/i;
const IMAGE_EXT = /\.(png|jpe?g|gif|webp|bmp|svg|avif|tiff?)$/i;

const isUrl = (data) => /^(https?:|s3:)?\/\//i.test(data) || data.startsWith('/files/') || data.startsWith('data:');
const isGlossFile = (data) => /\/files\/[0-9a-f]{24}\//i.test(data);
// Objects in an organization storage (s3:// URLs, or any asset imported with `storage`) are
// private: the server presigns them.
const needsSignature = (data, asset) => isGlossFile(data) || /^s3:\/\//i.test(data) || Boolean(asset?.storage);

/** 'text' or 'image' for an asset, given the project's tool kinds. */
export function assetKind(asset, schema) {
  const data = String(asset?.data || '');
  if (!isUrl(data)) return 'text';
  const path = data.split('?')[0];
  if (TEXT_EXT.test(path)) return 'text';
  if (IMAGE_EXT.test(path)) return 'image';
  const kinds = new Set(schema.tools.map((t) => t.tool));
  return kinds.size && [...kinds].every((k) => k === 'ner') ? 'text' : 'image';
}

async function browserUrl(url, asset, task) {
  return needsSignature(url, asset) ? signedUrl(url, task ? { project: task.project, task: task._id } : {}) : url;
}

function loadImage(src) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error(`The image could not be loaded (${src.split('?')[0]})`));
    img.src = src;
  });
}

/**
 * Everything needed to show the task: {kind, url, width, height, mask} for images,
 * {kind, text} for text.
 */
export async function loadMedia(task, asset, schema) {
  if (!asset) throw new Error('The task has no asset.');
  const kind = assetKind(asset, schema);
  const data = String(asset.data || '');
  if (kind === 'text') {
    if (!isUrl(data)) return { kind, text: data };
    const response = await fetch(await browserUrl(data, asset, task), { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`The text could not be loaded (${response.status})`);
    return { kind, text: await response.text() };
  }
  const [url, maskUrl] = await Promise.all([browserUrl(data, asset, task), task.brushDataUrl ? browserUrl(task.brushDataUrl) : null]);
  const [img, mask] = await Promise.all([loadImage(url), maskUrl ? loadImage(maskUrl).catch(() => null) : null]);
  if (img.decode) await img.decode().catch(() => {});
  return { kind, url, width: img.naturalWidth || asset.metadata?.width || 800, height: img.naturalHeight || asset.metadata?.height || 600, mask };
}

/** The task and its asset for a task opened from the Tasks table. */
export async function fetchTask(projectId, taskId) {
  const { task } = await api(`/v2/task/${encodeURIComponent(taskId)}`);
  const data = await api(`/v2/project/${encodeURIComponent(projectId)}/assets`, { query: { filters: { _id: task.asset } } });
  return { task, asset: data?.assets?.[0] || null };
}

/** Uploads the brush mask PNG through a signed upload URL; returns the URL to store (no query). */
export async function uploadMask(projectId, taskId, blob) {
  const name = `brush-${taskId}-${Date.now()}.png`;
  const { uploadUrl } = await api('/v2/getUploadUrl', { query: { project: projectId, name, type: 'brushes' } });
  const response = await fetch(uploadUrl, { method: 'PUT', body: blob, headers: { 'Content-Type': 'image/png' } });
  if (!response.ok) throw new Error(`Uploading the brush mask failed (${response.status})`);
  return uploadUrl.split('?')[0];
}
