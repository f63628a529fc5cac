// Active-time tracking (behaviour spec §7): time counts only while the tab is visible and there was
// mouse or keyboard input within the project's idleTimeout (default 300 s; 0 turns idle detection
// off, as Settings says: then only a hidden tab stops the count). `take()` returns the
// active milliseconds since the last take and restarts the count (Save / Submit send it as duration).
const INPUT_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart', 'pointerdown'];

/** The idle timeout in ms: Infinity for 0 (never idle), the default 300 s when missing or invalid. */
function idleMs(seconds) {
  const s = seconds === null || seconds === undefined || seconds === '' ? NaN : Number(seconds);
  if (s === 0) return Infinity;
  return (Number.isFinite(s) && s > 0 ? s : 300) * 1000;
}

export class ActiveTimer {
  constructor({ idleTimeoutSeconds = 300, onState = () => {} } = {}) {
    this.idleMs = idleMs(idleTimeoutSeconds);
    this.onState = onState;
    this.activeMs = 0;
    this.lastInput = performance.now();
    this.lastTick = performance.now();
    this.active = null;
    this.onInput = () => {
      const wasIdle = !this.active;
      this.tick();
      this.lastInput = performance.now();
      if (wasIdle) this.tick();
    };
    this.onVisibility = () => this.tick();
    for (const name of INPUT_EVENTS) window.addEventListener(name, this.onInput, { passive: true, capture: true });
    document.addEventListener('visibilitychange', this.onVisibility);
    this.interval = setInterval(() => this.tick(), 1000);
    this.tick();
  }

  /** Adds the time since the last tick when the user was active during it. */
  tick() {
    const now = performance.now();
    const visible = document.visibilityState !== 'hidden';
    // Active until idleMs after the last input: credit the part of (lastTick, now] before that deadline.
    const deadline = this.lastInput + this.idleMs;
    if (visible) this.activeMs += Math.max(0, Math.min(now, deadline) - this.lastTick);
    this.lastTick = now;
    const active = visible && now < deadline;
    if (active !== this.active) { this.active = active; this.onState(active); }
  }

  /** Active ms since the last take (rounded); restarts the count. */
  take() {
    this.tick();
    const ms = Math.round(this.activeMs);
    this.activeMs = 0;
    return ms;
  }

  /** A new task is shown: start from zero, counting the user as active. */
  restart() { this.activeMs = 0; this.lastTick = performance.now(); this.lastInput = this.lastTick; this.tick(); }

  stop() {
    clearInterval(this.interval);
    for (const name of INPUT_EVENTS) window.removeEventListener(name, this.onInput, { capture: true });
    document.removeEventListener('visibilitychange', this.onVisibility);
  }
}
