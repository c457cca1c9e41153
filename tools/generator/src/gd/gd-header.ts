import { getDataset } from '@matriz/core';

/** The legacy modality code column: still in 2025-2026 files, always empty there (case C5). */
export const LEGACY_MODALITY_HEADER = 'SigModalidadeEmpreendimento';

/**
 * The header of a 2025-2026 GD file, from the registry: every column's current `source` in
 * registry order (the dictionary's order), with the emptied legacy `SigModalidadeEmpreendimento`
 * just before `DscModalidadeHabilitado`, as those files carry both.
 */
export function gdHeader(): readonly string[] {
  const headers: string[] = [];
  for (const column of getDataset('gd').columns) {
    if (column.aliases?.includes(LEGACY_MODALITY_HEADER)) headers.push(LEGACY_MODALITY_HEADER);
    headers.push(column.source);
  }
  return headers;
}
