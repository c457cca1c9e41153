/**
 * Folds a label for comparison: trimmed, inner whitespace collapsed to one space, accents
 * removed, lower-cased (`Fóssil `, `FOSSIL` and `fossil` are all `fossil`). The same rule the
 * `code` value kind and its SQL use; group dirty labels on it (C11).
 */
export function foldLabel(label: string): string {
  return label.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLowerCase();
}
