/** Colours per ANEEL generation type, and their plain-English names. */

const TYPE_COLOURS: Readonly<Record<string, string>> = {
  UHE: '#1f5fa8',
  UTE: '#8c5a3c',
  EOL: '#2a9d8f',
  UFV: '#e9a800',
  PCH: '#5d9bd5',
  CGH: '#9cc3e6',
  UTN: '#7b4fa0',
  CGU: '#40b5c8',
};

const TYPE_NAMES: Readonly<Record<string, string>> = {
  UHE: 'Hydro, large',
  UTE: 'Thermal',
  EOL: 'Wind',
  UFV: 'Solar PV',
  PCH: 'Hydro, small',
  CGH: 'Hydro, mini',
  UTN: 'Nuclear',
  CGU: 'Wave and tidal',
};

/** Fallback colours, in order, for labels without their own. */
const SPARE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#b07aa1', '#9c755f'];

export const NEUTRAL_COLOUR = '#4e79a7';

/** Colour of a generation type (UHE, UTE, ...); a stable spare colour for others. */
export function typeColour(type: string): string {
  return TYPE_COLOURS[type] ?? spareColour(type);
}

/** `Hydro, large` for `UHE`; the code itself when unknown. */
export function typeName(type: string): string {
  return TYPE_NAMES[type] ?? type;
}

/** A colour picked from the spare list by a hash of the label, so it never changes. */
export function spareColour(label: string): string {
  let hash = 0;
  for (const ch of label) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return SPARE[hash % SPARE.length] ?? NEUTRAL_COLOUR;
}
