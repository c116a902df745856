// Polling like Glitter: every `ms` while the tab is visible, every 10 s when
// hidden, backing off to 30 s while the server cannot be reached. A tick
// never overlaps the previous one, and `hold()` pauses ticks (while a row is
// dragged or edited) so a re-render never eats a click.
import { useEffect, useRef } from './html.js';

let holds = 0;
export function hold() { holds++; let done = false; return () => { if (!done) { done = true; holds--; } }; }
export function held() { return holds > 0; }

export function usePoll(fn, ms = 1000, deps = []) {
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    let timer = 0, stopped = false, failures = 0;
    const tick = async () => {
      if (stopped) return;
      if (!held()) {
        try { await fnRef.current(); failures = 0; } catch { failures++; }
      }
      if (stopped) return;
      const wait = failures ? Math.min(30000, 1000 * 2 ** Math.min(failures, 5)) : document.hidden ? 10000 : ms;
      timer = setTimeout(tick, wait);
    };
    const wake = () => { if (!document.hidden) { clearTimeout(timer); tick(); } };
    tick();
    document.addEventListener('visibilitychange', wake);
    return () => { stopped = true; clearTimeout(timer); document.removeEventListener('visibilitychange', wake); };
  }, deps);
}
