// Tauri's `listen` and `onCloseRequested` resolve with their unlisten function only later: an
// effect that subscribes must also unlisten a subscription that resolves after it was cleaned up.

/** The effect's cleanup for a subscription whose unlisten arrives as a promise. */
export function cleanupOf(subscribed: Promise<() => void>): () => void {
  let release: (() => void) | null = null;
  let gone = false;
  void subscribed.then((unlisten) => {
    if (gone) unlisten();
    else release = unlisten;
  });
  return () => {
    gone = true;
    release?.();
  };
}
