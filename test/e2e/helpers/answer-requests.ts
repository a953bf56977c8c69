// Routes a page's WebSocket to the core, except for the requests named here, which get the answer
// given instead: for what browser mode cannot produce (the desktop's secrets store) or a state
// that is hard to reach on purpose (an archive that fails). Every other message passes untouched.
import type { Page } from '@playwright/test';

/** What a stood-in request answers: a value, or an error as the wire carries it. */
export type StoodInAnswer = { value: unknown } | { error: { code: string; message: string } };

export async function answerRequests(
  page: Page,
  answers: Record<string, (args: unknown) => StoodInAnswer>,
): Promise<void> {
  await page.routeWebSocket(/./, (socket) => {
    const core = socket.connectToServer();
    socket.onMessage((text) => {
      const message = JSON.parse(String(text)) as { id: number; method?: string; args?: unknown };
      const answer = message.method === undefined ? undefined : answers[message.method];
      if (!answer) return core.send(text);
      const result = answer(message.args);
      const body = 'value' in result ? { ok: true, value: result.value } : { ok: false, ...result };
      socket.send(JSON.stringify({ kind: 'response', id: message.id, ...body }));
    });
    core.onMessage((text) => socket.send(text));
  });
}
