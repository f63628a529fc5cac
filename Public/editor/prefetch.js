// Warms the asset of the task the queue will most likely hand out next, while the current one is
// worked on, so Submit -> next task on screen costs only the two server calls. The guess mirrors the
// queue's order (priority, then creation; unassigned or mine) in this mode's stages; a wrong guess
// only costs a download. Nothing is claimed here.
import { api, session } from '../js/api.js';
import { loadMedia } from './media.js';

export class Prefetcher {
  constructor(ed) { this.ed = ed; this.entry = null; }

  /** Starts loading the likely next task's media (errors are ignored: it is only a guess). */
  warm(currentTaskId) {
    const ed = this.ed;
    if (ed.mode === 'open') return;
    const type = ed.mode === 'review' ? 'Review' : 'Label';
    const stages = (ed.project.stages || []).filter((s) => s.type === type && !s.consensusId).map((s) => s.id);
    if (!stages.length) return;
    const me = session()?.user?.email;
    const run = async () => {
      const data = await api(`/v2/project/${encodeURIComponent(ed.projectId)}/tasks`, {
        query: { stage: JSON.stringify(stages), sort: '-priority,createdAt', limit: 5, fields: 'assignee,brushDataUrl,stage' },
      });
      const next = (data?.tasks || []).find((t) => t._id !== currentTaskId && (!t.assignee || t.assignee === me));
      if (!next) return null;
      const assets = await api(`/v2/project/${encodeURIComponent(ed.projectId)}/assets`, { query: { filters: { _id: next.asset } } });
      const asset = assets?.assets?.[0];
      if (!asset) return null;
      const media = await loadMedia({ brushDataUrl: next.brushDataUrl || null }, asset, ed.schema);
      return { assetId: asset._id, data: asset.data, brushDataUrl: next.brushDataUrl || null, media };
    };
    const entry = { done: false, value: null };
    run().then((value) => { entry.value = value; }, () => {}).finally(() => { entry.done = true; });
    this.entry = entry;
  }

  /** The warmed media for this task and asset, or null (a guess still loading is not waited for). */
  take(task, asset) {
    const entry = this.entry;
    this.entry = null;
    if (!entry?.done || !asset) return null;
    const hit = entry.value;
    if (!hit || hit.assetId !== asset._id || hit.data !== asset.data || hit.brushDataUrl !== (task.brushDataUrl || null)) return null;
    return hit.media;
  }
}
