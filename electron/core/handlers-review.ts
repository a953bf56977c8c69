// Handlers for the review requests of the contract (shared/api/requests-review.ts): one review
// session per core at a time. While it is open, the archive requests (handlers-archive.ts)
// answer from it as of its cursor.
import type { reviewRequests } from '../../shared/api/requests-review';
import { ArchiveQueryError } from '../archive';
import { openReview, ReviewError, wireView, type ReviewSession } from '../review';
import type { CoreOptions, HandlerContext } from './core';
import { CoreError, type Handlers } from './router';

/** The open review of each core, by its options (one object per core). */
const sessions = new WeakMap<CoreOptions, ReviewSession>();

/** The core's open review session, if any. */
export function currentReview(context: HandlerContext): ReviewSession | undefined {
  return sessions.get(context.options);
}

/** Runs a handler's work, turning expected failures into errors with a code. */
export async function answering<Result>(work: () => Result | Promise<Result>): Promise<Result> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ReviewError || error instanceof ArchiveQueryError) {
      throw new CoreError('INVALID_ARGS', error.message);
    }
    throw error;
  }
}

function requireReview(context: HandlerContext): ReviewSession {
  const session = currentReview(context);
  if (!session) throw new CoreError('UNAVAILABLE', 'no review session is open: call review.open');
  return session;
}

export function isoRange(
  range: { firstMs: number; lastMs: number } | null,
): { firstAt: string; lastAt: string } | null {
  if (!range) return null;
  return {
    firstAt: new Date(range.firstMs).toISOString(),
    lastAt: new Date(range.lastMs).toISOString(),
  };
}

async function closeReview(context: HandlerContext): Promise<boolean> {
  const session = currentReview(context);
  if (!session) return false;
  sessions.delete(context.options);
  await session.close();
  return true;
}

export function reviewHandlers(
  context: HandlerContext,
): Pick<Handlers, keyof typeof reviewRequests> {
  return {
    'review.open': ({ path }) =>
      answering(async () => {
        const session = await openReview(path, {
          onProgress: (progress) => context.broadcast('review.progress', { path, ...progress }),
        });
        // One review at a time: opening another replaces it.
        await closeReview(context);
        sessions.set(context.options, session);
        return {
          sessionId: session.id,
          range: isoRange(session.range),
          fleet: session.fleet(),
          source: session.kind,
        };
      }),
    'review.close': async () => ({ closed: await closeReview(context) }),
    // The marker of the fleet's snapshot, its nodes one per `review.node`: a fleet of 90 nodes
    // is over 2 MB, past the pipe's 1 MiB message limit.
    'review.seek': ({ at }) => answering(() => wireView(requireReview(context).seek(at))),
    'review.node': ({ at, node }) => answering(() => requireReview(context).nodePart(at, node)),
    'review.diff': ({ from, to }) => answering(() => requireReview(context).diff(from, to)),
  };
}
