import { describe, expect, it } from 'vitest';
import { resolveToken, TOKEN_STORAGE_KEY, webSocketUrl } from '../../../renderer/api/token';

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    values,
  };
}

describe('the browser-mode token', () => {
  it('is read from the query string and remembered for the tab', () => {
    const storage = memoryStorage();
    expect(resolveToken('?token=abc-123', storage)).toBe('abc-123');
    expect(storage.values.get(TOKEN_STORAGE_KEY)).toBe('abc-123');
  });

  it('survives a reload without the query', () => {
    const storage = memoryStorage();
    resolveToken('?token=abc-123', storage);
    expect(resolveToken('', storage)).toBe('abc-123');
  });

  it('is null when the page never had one', () => {
    expect(resolveToken('?other=1', memoryStorage())).toBeNull();
  });

  it('travels in the WebSocket address of the same host, encoded', () => {
    const page = { protocol: 'http:', host: '127.0.0.1:4321' };
    expect(webSocketUrl(page, 'a+b/c')).toBe('ws://127.0.0.1:4321/api?token=a%2Bb%2Fc');
    expect(webSocketUrl({ ...page, protocol: 'https:' }, null)).toBe('wss://127.0.0.1:4321/api');
  });
});
