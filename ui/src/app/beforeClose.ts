// What must finish before the window closes: each open editor registers its pending saves here, and
// the close guard (CloseGuard.tsx) waits for all of them, so text typed just before closing lands.

/** Saves what is pending; resolves `null` when everything is saved, or the reason it is not. */
export type Flusher = () => Promise<string | null>;

const flushers = new Set<Flusher>();

/** Registers a flusher while an editor is open; call the returned function when it closes. */
export function registerBeforeClose(flush: Flusher): () => void {
  flushers.add(flush);
  return () => {
    flushers.delete(flush);
  };
}

/** Runs every registered flusher; resolves with the first reason something is not saved, or null. */
export async function flushBeforeClose(): Promise<string | null> {
  const reasons = await Promise.all([...flushers].map((flush) => flush().catch((e: unknown) => String(e))));
  return reasons.find((r) => r != null) ?? null;
}
