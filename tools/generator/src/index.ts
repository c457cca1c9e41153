export { encodeWindows1252, CsvWriter, type FileEncoding, type WrittenFile } from './csv-writer.ts';
export { mix32, seededRandom, weighted, type Random } from './random.ts';
export { gdHeader, LEGACY_MODALITY_HEADER } from './gd/gd-header.ts';
export { decimalBr, gdUnit, GD_QUIRKS, isQuarantined, plantCode, updateUnit } from './gd/gd-row.ts';
export type { GdRecord } from './gd/gd-row.ts';
export {
  GD_FOLDER,
  gdSnapshotPath,
  writeGdSecondSnapshot,
  writeGdSnapshot,
  type GdChangeShares,
  type GdSecondSnapshotFile,
  type GdSnapshotFile,
  type GdSnapshotOptions,
} from './gd/generate-gd.ts';
export { MANIFEST_NAME, README_NAME, writeSyntheticNotice } from './synthetic-readme.ts';
export { generate, type GenerateOptions, type GenerateResult } from './generate.ts';
