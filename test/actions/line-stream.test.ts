// Streamed action output is passed on a whole line at a time, with a private key held back
// wherever the chunks split it.
import { describe, expect, it } from 'vitest';
import { LineStream } from '../../electron/actions/runner';

function collect(chunks: string[]): string[] {
  const written: string[] = [];
  const stream = new LineStream((text) => written.push(text));
  for (const chunk of chunks) stream.push(chunk);
  stream.end();
  return written;
}

describe('LineStream', () => {
  it('passes whole lines as they complete and the last partial line at the end', () => {
    expect(collect(['one\ntw', 'o\nthr', 'ee'])).toEqual(['one\n', 'two\n', 'three']);
  });

  it('keeps a key=value pair split across chunks in one piece', () => {
    expect(collect(['DB_PASS', 'WORD=hunter2\n'])).toEqual(['DB_PASSWORD=hunter2\n']);
  });

  it('holds back a private key from BEGIN to END, however the chunks cut it', () => {
    const key = [
      'before\n-----BEGIN OPENSSH PRI',
      'VATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nQUJD',
      'REVG\n-----END OPENSSH PRIVATE KEY-----\nafter\n',
    ];
    const written = collect(key).join('');
    expect(written).toBe('before\n[private key]\nafter\n');
  });

  it('passes on a very long line without waiting for its end', () => {
    const written: string[] = [];
    const stream = new LineStream((text) => written.push(text));
    stream.push('x'.repeat(5000));
    expect(written).toEqual(['x'.repeat(5000)]);
  });
});
