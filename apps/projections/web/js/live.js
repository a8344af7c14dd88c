// The live stream: EventSource on /api/v1/live, reconnecting by itself with backoff (the server
// restarted, the network dropped), a watchdog on the 15 s heartbeats, and a state for the indicator.

import { t } from './i18n.js';

const HEARTBEAT_GRACE_MS = 40000; // the server sends a heartbeat every 15 s
const BACKOFF_MS = [500, 1000, 2000, 3000, 5000]; // then every 5 s: a restarted server is found quickly

/**
 * startLive({token, onFrame, onState, onReconnected}) → stop()
 * onState('connecting' | 'live' | 'reconnecting'); onReconnected() after the stream came back (the
 * page should reload what it may have missed).
 */
export function startLive({ token, onFrame, onState, onReconnected }) {
  let source = null;
  let attempt = 0;
  let retryTimer = null;
  let watchdog = null;
  let stopped = false;
  let wasLive = false;

  const armWatchdog = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => reconnect(), HEARTBEAT_GRACE_MS);
  };

  const connect = () => {
    if (stopped) return;
    onState(attempt === 0 && !wasLive ? 'connecting' : 'reconnecting');
    source = new EventSource(`/api/v1/live?access_token=${encodeURIComponent(token)}`);
    source.onopen = () => {
      const recovered = wasLive || attempt > 0;
      attempt = 0;
      wasLive = true;
      onState('live');
      armWatchdog();
      if (recovered) onReconnected();
    };
    source.onmessage = (event) => {
      armWatchdog();
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame && typeof frame === 'object') onFrame(frame);
    };
    source.addEventListener('heartbeat', armWatchdog);
    // EventSource retries by itself only sometimes (not after an HTTP error): we always take over.
    source.onerror = () => reconnect();
  };

  const reconnect = () => {
    if (stopped) return;
    clearTimeout(watchdog);
    source?.close();
    source = null;
    onState('reconnecting');
    clearTimeout(retryTimer);
    const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
    attempt += 1;
    retryTimer = setTimeout(connect, delay + Math.random() * 300);
  };

  // Back from a sleeping laptop or a hidden tab: check at once rather than at the next backoff.
  const onVisible = () => {
    if (document.visibilityState === 'visible' && !source) {
      clearTimeout(retryTimer);
      connect();
    }
  };
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener('online', onVisible);

  connect();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    clearTimeout(watchdog);
    source?.close();
    source = null;
    document.removeEventListener('visibilitychange', onVisible);
    window.removeEventListener('online', onVisible);
  };
}

/** The live indicator (#live): live, connecting, reconnecting, off, or poll (a role without a stream). */
export function showLiveState(el, liveState, detail = '') {
  el.dataset.state = liveState;
  const key = {
    live: 'live.live',
    connecting: 'live.connecting',
    reconnecting: 'live.reconnecting',
    off: 'live.off',
    poll: 'live.notForRole',
  }[liveState];
  el.querySelector('.live-text').textContent = t(key);
  el.title = liveState === 'poll' ? t('live.title.notForRole') : detail;
}
