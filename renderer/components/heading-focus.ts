// After a navigation, focus moves to the new view's heading. A view that loads on first visit
// (a lazy chunk) has no heading yet when the hash changes, so the request waits for it.
import { VIEW_HEADING_ID } from './view-heading';

let pending = false;

/** Focuses the view heading now, or as soon as a view mounts one. */
export function requestHeadingFocus(): void {
  const heading = document.getElementById(VIEW_HEADING_ID);
  heading?.focus();
  // The heading found may be the previous view's, hidden while the next one loads: focus does
  // not land there, and the request waits for the next heading.
  pending = heading === null || document.activeElement !== heading;
}

/** Called by a view heading when it mounts. */
export function headingMounted(heading: HTMLElement | null): void {
  if (!pending || !heading) return;
  pending = false;
  heading.focus();
}
