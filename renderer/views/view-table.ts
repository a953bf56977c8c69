// The views of the app, in navigation order. One table feeds the navigation, the router, the
// page titles and the end-to-end test. Add a view here, then its component in views/index.tsx.

export const viewIds = [
  'overview',
  'nodes',
  'gpus',
  'containers',
  'findings',
  'logs',
  'actions',
  'review',
  'settings',
] as const;
export type ViewId = (typeof viewIds)[number];

export const DEFAULT_VIEW: ViewId = 'overview';

export function isViewId(value: string): value is ViewId {
  return (viewIds as readonly string[]).includes(value);
}

/** `#/nodes` → `nodes`; an empty or unknown hash shows the default view. */
export function viewFromHash(hash: string): ViewId {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isViewId(name) ? name : DEFAULT_VIEW;
}

export function hashForView(view: ViewId): string {
  return `#/${view}`;
}

/** `#/nodes/vk02` → `vk02`: the node a node view shows; null when the hash names none. */
export function nodeFromHash(hash: string): string | null {
  const [view, node] = hash.replace(/^#\/?/, '').split(/[?]/)[0]?.split('/') ?? [];
  if (view !== 'nodes' || !node) return null;
  return decodeURIComponent(node);
}

export function hashForNode(node: string): string {
  return `#/nodes/${encodeURIComponent(node)}`;
}
