// The Chinese names of the backend's codes come from Rust (generated into types/labels.ts by
// `cargo test`); this module adds what the forms build from them.
export * from './types/labels';

/** Select options from a label map, in the map's order. */
export const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
