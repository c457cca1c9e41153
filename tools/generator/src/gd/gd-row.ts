import { mix32, seededRandom, weighted, type Random } from '../random.ts';
import {
  COMPANY_WORDS,
  CONSUMER_CLASSES,
  MODALITIES,
  SOURCES,
  STATES,
  SUBSTATION_WORDS,
  type State,
} from './vocabulary.ts';

/** One GD unit as the generator keeps it: raw cells keyed by source header. */
export type GdRecord = Record<string, string>;

const pickState = weighted(STATES.map((s) => [s, s.weight] as const));
const pickClass = weighted(
  CONSUMER_CLASSES.map(([code, label, w]) => [{ code, label }, w] as const),
);
const pickModality = weighted(MODALITIES);
const pickSource = weighted(SOURCES.map(([type, label, w]) => [{ type, label }, w] as const));

/** Shares of the quirks ANEEL files carry (per row). */
export const GD_QUIRKS = {
  /** `DscClasseConsumo = REBR`, outside the dictionary: quarantined (case C5). */
  unknownClass: 0.00005,
  /** `DthAtualizaCadastralEmpreend = 1900-01-01`: unknown date (placeholder). */
  placeholderDate: 0.002,
  /** Trailing space after a name. */
  trailingSpace: 0.005,
  /** `-` as an empty substation name. */
  dashSubstation: 0.02,
  /** Substation coordinates published as `0` (zero coordinate, read as unknown). */
  zeroSubstation: 0.01,
  /** Plant coordinates present at all (absent from most published rows). */
  plantCoordinates: 0.25,
} as const;

const DAY_MS = 86_400_000;

/** Brazilian decimal as ANEEL writes it: comma, no thousands dots, no leading zero (`,85`). */
export function decimalBr(value: number, decimals: number): string {
  const fixed = Math.abs(value).toFixed(decimals).replace('.', ',');
  const bare = fixed.startsWith('0,') ? fixed.slice(1) : fixed;
  return value < 0 ? `-${bare}` : bare;
}

const isoDays = new Map<number, string>();

/** `yyyy-mm-dd` of a UTC day, memoised: a file spans a few thousand distinct days. */
function isoDate(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let text = isoDays.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoDays.set(day, text);
  }
  return text;
}

const twoDigits = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

function dateTime(r: Random, ms: number): string {
  return `${isoDate(ms)} ${twoDigits[r.int(7, 19)]}:${twoDigits[r.int(0, 59)]}:${twoDigits[r.int(0, 59)]}`;
}

function digits(r: Random, n: number): string {
  let out = '';
  for (let left = n; left > 0; left -= 7) {
    const k = Math.min(left, 7);
    out += String(Math.floor(r.next() * 10 ** k)).padStart(k, '0');
  }
  return out;
}

function maybeTrail(r: Random, text: string): string {
  return r.chance(GD_QUIRKS.trailingSpace) ? `${text} ` : text;
}

/** `GD.UF.999.999.999` from the unit's number: unique per unit, stable across snapshots. */
export function plantCode(uf: string, unit: number): string {
  const n = String(unit).padStart(9, '0');
  return `GD.${uf}.${n.slice(0, 3)}.${n.slice(3, 6)}.${n.slice(6, 9)}`;
}

/** Installed kW: mostly small rooftop systems, a tail of minigeneration up to 5 MW. */
function capacityKw(r: Random, className: string): number {
  const u = r.next();
  if (u < 0.97) {
    const base = className === 'Residencial' ? 5 : 18;
    return Math.min(75, base * Math.exp((r.next() - 0.4) * 1.6));
  }
  if (u < 0.998) return 75 + r.next() * 925;
  return 1000 + r.next() * 4000;
}

/**
 * Unit number `unit` of the file, rebuilt from `(seed, unit)` alone. The connection date falls
 * before `firstDataDate` (the first snapshot's date) so the same unit is identical in later
 * snapshots unless it is updated.
 */
export function gdUnit(seed: number, unit: number, firstDataDate: string): GdRecord {
  const r = seededRandom(mix32(seed, unit, 0x6764));
  const state: State = pickState(r);
  const distributor = r.pick(state.distributors);
  const muni = r.pick(state.municipalities);
  const klass = r.chance(GD_QUIRKS.unknownClass) ? { code: '9', label: 'REBR' } : pickClass(r);
  const modality = pickModality(r);
  const source = pickSource(r);
  const legalEntity = klass.label !== 'Residencial' ? r.chance(0.7) : r.chance(0.03);
  const kw = capacityKw(r, klass.label);
  const mini = kw > 75;

  // Connections grow fast: skew towards the last years (square root of a uniform).
  const end = Date.parse(`${firstDataDate}T00:00:00Z`) - DAY_MS;
  const start = Date.parse('2012-06-01T00:00:00Z');
  const connected = end - Math.floor((1 - Math.sqrt(r.next())) * (end - start));
  const connectedDay = Math.floor(connected / DAY_MS) * DAY_MS;
  const placeholderDate = r.chance(GD_QUIRKS.placeholderDate);

  const credited = modality.startsWith('Com ')
    ? r.chance(0.8)
      ? 1
      : r.int(2, 4)
    : modality.includes('compartilhada')
      ? r.int(2, 60)
      : r.int(1, 8);
  const subgroup = mini
    ? r.pick(['A4', 'A4', 'A4', 'A3a'])
    : klass.label === 'Residencial'
      ? 'B1'
      : klass.label === 'Rural'
        ? 'B2'
        : 'B3';
  const jitter = () => (r.next() - 0.5) * 0.6;
  const plantCoords = r.chance(GD_QUIRKS.plantCoordinates);
  const zeroSub = r.chance(GD_QUIRKS.zeroSubstation);
  const dashSub = r.chance(GD_QUIRKS.dashSubstation);
  const connectedIso = isoDate(connectedDay);

  return {
    DatGeracaoConjuntoDados: firstDataDate,
    AnmPeriodoReferencia: `${connectedIso.slice(5, 7)}/${connectedIso.slice(0, 4)}`,
    NumCNPJDistribuidora: distributor.cnpj,
    SigAgente: distributor.acronym,
    NomAgente: maybeTrail(r, distributor.name),
    CodClasseConsumo: klass.code,
    DscClasseConsumo: klass.label,
    CodSubGrupoTarifario: '',
    DscSubGrupoTarifario: subgroup,
    CodUFibge: state.ibge,
    SigUF: state.uf,
    CodRegiao: muni.mesoCode,
    NomRegiao: muni.mesoName,
    CodMunicipioIbge: muni.ibge,
    NomMunicipio: maybeTrail(r, muni.name),
    CodCEP: `${digits(r, 5)}-${digits(r, 3)}`,
    SigTipoConsumidor: legalEntity ? 'PJ' : 'PF',
    NumCPFCNPJ: legalEntity ? digits(r, 14) : `***.${digits(r, 3)}.${digits(r, 3)}-**`,
    NomTitularEmpreendimento: legalEntity
      ? `${r.pick(COMPANY_WORDS)} ${r.pick(COMPANY_WORDS)} ${r.int(1, 9999)} LTDA`
      : '*****',
    CodEmpreendimento: plantCode(state.uf, unit),
    DthAtualizaCadastralEmpreend: placeholderDate ? '1900-01-01' : dateTime(r, connectedDay),
    SigModalidadeEmpreendimento: '',
    DscModalidadeHabilitado: modality,
    QtdUCRecebeCredito: String(credited),
    SigTipoGeracao: source.type,
    DscFonteGeracao: source.label,
    DscPorte: mini ? 'Minigeração' : 'Microgeração',
    NumCoordNEmpreendimento: plantCoords ? decimalBr(muni.lat + jitter(), 6) : '',
    NumCoordEEmpreendimento: plantCoords ? decimalBr(muni.lon + jitter(), 6) : '',
    MdaPotenciaInstaladaKW: decimalBr(kw, 2),
    NomSubEstacao: dashSub ? '-' : maybeTrail(r, `SE ${r.pick(SUBSTATION_WORDS)} ${r.int(1, 40)}`),
    NumCoordESub: zeroSub ? '0' : decimalBr(muni.lon + jitter(), 6),
    NumCoordNSub: zeroSub ? '0' : decimalBr(muni.lat + jitter(), 6),
  };
}

/** True when the unit lands in quarantine (then it is never chosen for an update or delete). */
export function isQuarantined(record: GdRecord): boolean {
  return record['DscClasseConsumo'] === 'REBR';
}

/**
 * A realistic update of a unit between two snapshots: a capacity expansion (most), a modality
 * change or a new count of credited units, always with a new registration date just before the
 * new data date. The capacity always changes, so the diff sees every update.
 */
export function updateUnit(
  seed: number,
  unit: number,
  record: GdRecord,
  dataDate: string,
): GdRecord {
  const r = seededRandom(mix32(seed, unit, 0x7570));
  const kw = Number(`0${record['MdaPotenciaInstaladaKW']!.replace(',', '.')}`);
  const next = kw + 0.5 + r.next() * 20;
  const updated: GdRecord = {
    ...record,
    DatGeracaoConjuntoDados: dataDate,
    MdaPotenciaInstaladaKW: decimalBr(next, 2),
    DscPorte: next > 75 ? 'Minigeração' : 'Microgeração',
    DthAtualizaCadastralEmpreend: dateTime(
      r,
      Date.parse(`${dataDate}T00:00:00Z`) - r.int(1, 28) * DAY_MS,
    ),
  };
  if (r.chance(0.2)) updated['DscModalidadeHabilitado'] = pickModality(r);
  if (r.chance(0.2)) updated['QtdUCRecebeCredito'] = String(r.int(1, 10));
  return updated;
}
