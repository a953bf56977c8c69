// What `bench ui` runs inside the page. A plain script (not a compiled function: the bundler's
// helpers would not exist in the page) installed before the bundle loads, timing on the page's
// own clock (performance.now(): 0 is the navigation's start):
// - the first meaningful paint: the first frame after every node card shows collected data;
// - each container-memory trend.query the page sends over its WebSocket: when it was sent, when
//   its answer arrived, and the first frame after the memory chart changed once it had.
// "After a frame" is a requestAnimationFrame callback, then a task: the frame has been painted.

export interface PageTrendRequest {
  id: number;
  series: number;
  spanMs: number;
  sentAtMs: number;
  answeredAtMs: number | null;
  paintedAtMs: number | null;
}

export interface PageTimings {
  meaningfulPaintMs: number | null;
  firstContentfulPaintMs: number | null;
  requests: PageTrendRequest[];
}

/** The Overview shows data once the plant time and a channel state of every card are in. */
export function pageScript(options: { nodeCount: number; chartLabel: string }): string {
  return `(() => {
  const nodeCount = ${JSON.stringify(options.nodeCount)};
  const chartSelector = ${JSON.stringify(`figure.trend[aria-label="${options.chartLabel}"]`)};
  const bench = { meaningfulPaintMs: null, requests: [] };
  window.__uiBench = bench;
  const afterPaint = (done) =>
    requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0));
  let meaningfulSeen = false;
  const meaningful = () => {
    if (!document.querySelector('.plant-time time[datetime]')) return false;
    const cards = document.querySelectorAll('section.node-card');
    if (cards.length !== nodeCount) return false;
    return Array.from(cards).every((card) =>
      card.querySelector('.pill[data-state]:not([data-state="unknown"])'));
  };
  const byId = new Map();
  const awaitingPaint = [];
  const observer = new MutationObserver((mutations) => {
    if (!meaningfulSeen && meaningful()) {
      meaningfulSeen = true;
      afterPaint((atMs) => { bench.meaningfulPaintMs = atMs; });
    }
    if (awaitingPaint.length === 0) return;
    const inChart = mutations.some((mutation) => {
      const target = mutation.target;
      const element = target.nodeType === 1 ? target : target.parentElement;
      return element !== null && element.closest(chartSelector) !== null;
    });
    if (!inChart) return;
    const answered = awaitingPaint.splice(0);
    afterPaint((atMs) => answered.forEach((request) => { request.paintedAtMs = atMs; }));
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true,
    characterData: true });
  const onMessage = (event) => {
    if (typeof event.data !== 'string' || !event.data.startsWith('{"kind":"response"')) return;
    const match = /"id":(\\d+)/.exec(event.data.slice(0, 64));
    const request = match ? byId.get(Number(match[1])) : undefined;
    if (!request || request.answeredAtMs !== null) return;
    request.answeredAtMs = performance.now();
    awaitingPaint.push(request);
  };
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (typeof data === 'string' && data.includes('"trend.query"')) {
      if (!this.__uiBenchListening) {
        this.__uiBenchListening = true;
        this.addEventListener('message', onMessage);
      }
      try {
        const message = JSON.parse(data);
        const series = message.args.series;
        if (series.every((key) => /[|]container:.*[|]memoryBytes$/.test(key))) {
          const request = { id: message.id, series: series.length,
            spanMs: Date.parse(message.args.to) - Date.parse(message.args.from),
            sentAtMs: performance.now(), answeredAtMs: null, paintedAtMs: null };
          byId.set(message.id, request);
          bench.requests.push(request);
        }
      } catch (error) {
        // Not a request this bench times; the page's own code goes on as usual.
      }
    }
    return send.call(this, data);
  };
})();`;
}

/** Read in the page: the timings so far and the paint entry of the bundle's first frame. */
export const readTimingsScript = `(() => {
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  return {
    meaningfulPaintMs: window.__uiBench.meaningfulPaintMs,
    firstContentfulPaintMs: paint ? paint.startTime : null,
    requests: window.__uiBench.requests,
  };
})()`;
