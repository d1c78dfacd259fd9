// Whether the person has used the page yet (a key press or a pointer press). Focus is only
// moved on navigation after that, so the first Tab on a freshly loaded page still reaches
// the skip link.
let interacted = false;

function mark(): void {
  interacted = true;
}

if (typeof window !== "undefined") {
  window.addEventListener("keydown", mark, { capture: true, once: true });
  window.addEventListener("pointerdown", mark, { capture: true, once: true });
}

export function hasInteracted(): boolean {
  return interacted;
}
