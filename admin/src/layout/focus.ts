// Focus that returns to where the person was working after a save re-renders the page: the
// control they used is disabled while the server answers, or unmounted with the form it closed,
// and the browser then drops focus to the page top.

/** How many animation frames to wait for the target (about two seconds). */
const FRAMES = 120;

/** Enabled, and not behind a dialog that is still open (MUI hides the page from it meanwhile). */
function ready(element: HTMLElement): boolean {
  return (
    !(element as HTMLButtonElement).disabled &&
    element.getAttribute("aria-disabled") !== "true" &&
    !element.closest('[aria-hidden="true"], [inert]')
  );
}

/**
 * Focuses the first element marked `data-focus="<key>"` that is on the page and ready, as soon
 * as there is one.
 */
export function focusWhenReady(keys: string[], frames = FRAMES): void {
  for (const key of keys) {
    const element = document.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`);
    if (element && ready(element)) {
      element.focus();
      // A closing dialog may still take focus back; then the next frame tries again.
      if (document.activeElement === element) return;
      break;
    }
  }
  if (frames > 0) requestAnimationFrame(() => focusWhenReady(keys, frames - 1));
}

/**
 * The skip link's target: the main content takes the focus and keeps it, so the next Tab starts
 * inside it. react-admin's own skip link blurs it again, and Chrome then starts from the top.
 */
export function skipToContent(): void {
  const main = document.getElementById("main-content");
  if (!main) return;
  main.setAttribute("tabindex", "-1");
  main.focus();
  main.addEventListener("blur", () => main.removeAttribute("tabindex"), { once: true });
}
