// Browser mode: the per-launch token arrives once in the page URL (`?token=…`). The page keeps it
// for the tab's life so a reload without the query still reaches the core.

export const TOKEN_STORAGE_KEY = 'controlRoom.token';

/** The minimal slice of sessionStorage this module needs, so tests can pass a Map-backed one. */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Reads the token from the query string, remembering it; falls back to the remembered one. */
export function resolveToken(search: string, storage: TokenStorage): string | null {
  const fromQuery = new URLSearchParams(search).get('token');
  if (fromQuery) {
    storage.setItem(TOKEN_STORAGE_KEY, fromQuery);
    return fromQuery;
  }
  return storage.getItem(TOKEN_STORAGE_KEY);
}

/** The WebSocket address of the core that served this page. */
export function webSocketUrl(
  page: { protocol: string; host: string },
  token: string | null,
): string {
  const scheme = page.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  return `${scheme}//${page.host}/api${query}`;
}
