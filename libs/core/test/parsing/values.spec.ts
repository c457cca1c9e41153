import { describe, expect, it } from 'vitest';

import {
  datasets,
  parseCegNucleus,
  parseCode,
  parseCoordinate,
  parseDate,
  parseDecimalBr,
  parseDocument,
  parseInteger,
  parseMonth,
  parseText,
  parseUf,
  parseValue,
  parseYear,
  foldLabel,
  type ColumnSpec,
  type ValueResult,
} from '../../src/index.ts';

const column = (dataset: keyof typeof datasets, name: string): ColumnSpec => {
  const found = datasets[dataset].columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name} in ${dataset}`);
  return found;
};

const value = (v: string | number | boolean): ValueResult => ({ ok: true, value: v });
const NULL: ValueResult = { ok: true, value: null };
const placeholder = (reason: 'placeholder' | 'zero_coordinate'): ValueResult => ({
  ok: true,
  value: null,
  placeholder: reason,
});
const reject = (reason: string): ValueResult => ({ ok: false, reason }) as ValueResult;

describe('C1: `-` and empty mean "no value"', () => {
  const outorgada = column('siga', 'capacity_granted_kw');
  const fiscalizada = column('siga', 'capacity_inspected_kw');

  it.each([
    ['30000,00', 30000],
    ['-', null],
    ['', null],
    ['  ', null],
    ['25200,00', 25200],
  ])('capacity `%s` is %s, never 0 and never an error', (raw, expected) => {
    expect(parseValue(fiscalizada, raw)).toEqual(expected === null ? NULL : value(expected));
  });

  it('keeps the row and reports completeness 50 % for the C1 file', () => {
    const rows = [
      ['UFV Sol Ficticio I', 'BA', '30000,00', '-'],
      ['EOL Vento Ficticio', 'RN', '25200,00', '25200,00'],
    ];
    const parsed = rows.map((r) => ({
      outorgada: parseValue(outorgada, r[2]),
      fiscalizada: parseValue(fiscalizada, r[3]),
    }));
    expect(parsed.every((p) => p.outorgada.ok && p.fiscalizada.ok)).toBe(true);
    expect(parsed[0]).toEqual({ outorgada: value(30000), fiscalizada: NULL });
    const filled = parsed.filter((p) => p.fiscalizada.ok && p.fiscalizada.value !== null);
    expect(filled.length / parsed.length).toBe(0.5);
  });

  it.each(['text', 'date', 'integer', 'coordinate', 'document', 'ceg_nucleus'] as const)(
    '`-` is NULL for kind %s',
    (kind) => {
      const spec =
        datasets.siga.columns.find((c) => c.kind === kind) ??
        datasets.agentes.columns.find((c) => c.kind === kind) ??
        datasets.operacao_historico.columns.find((c) => c.kind === kind)!;
      expect(parseValue(spec, '-')).toEqual(NULL);
    },
  );
});

describe('C3: decimal comma, no leading zero, thousands dot', () => {
  it.each([
    ['4,50', 4.5],
    ['1.250,00', 1250],
    [',85', 0.85],
    ['-,5', -0.5],
    ['-,500000', -0.5],
    ['30000', 30000],
    ['12.345.678,9', 12345678.9],
    ['+3,1', 3.1],
    [' 1400,00 ', 1400],
  ])('decimal `%s` is %s', (raw, expected) => {
    expect(parseDecimalBr(raw)).toEqual(value(expected));
  });

  it.each(['4.5', '1,250,00', '1.25,00', 'abc', '1.2345,00', ',', '--1'])(
    'decimal `%s` is not a number (no guessing)',
    (raw) => {
      expect(parseDecimalBr(raw)).toEqual(reject('not_a_number'));
    },
  );

  it.each([
    ['-23,550520', -23.55052],
    ['-46,633308', -46.633308],
    ['-8,047562', -8.047562],
    ['-34,877000', -34.877],
    ['-,500000', -0.5],
    ['-38,526670', -38.52667],
  ])('coordinate `%s` is %s', (raw, expected) => {
    expect(parseCoordinate(raw)).toEqual(value(expected));
  });

  it.each(['-23.550520', '-23.550.520', '-46.633,308.1'])(
    'never strips dots from coordinate `%s` blindly',
    (raw) => {
      const result = parseValue(column('gd', 'latitude_deg'), raw);
      expect(result.ok).toBe(false);
    },
  );

  it('rejects a coordinate outside Brazil', () => {
    expect(parseValue(column('siga', 'latitude_deg'), '-46,633308')).toEqual(
      reject('out_of_range'),
    );
    expect(parseValue(column('siga', 'longitude_deg'), '-46,633308')).toEqual(value(-46.633308));
  });

  it('parses the C3 file into kW and coordinate pairs', () => {
    const lines = [
      'GD.XX.000.001.001;4,50;-23,550520;-46,633308',
      'GD.XX.000.001.002;1.250,00;-8,047562;-34,877000',
      'GD.XX.000.001.005;,85;-,500000;-38,526670',
    ];
    const gd = datasets.gd;
    const spec = (name: string) => gd.columns.find((c) => c.name === name)!;
    const parsed = lines.map((l) => {
      const [, kw, lat, lon] = l.split(';');
      return [
        parseValue(spec('capacity_kw'), kw),
        parseValue(spec('latitude_deg'), lat),
        parseValue(spec('longitude_deg'), lon),
      ].map((r) => (r.ok ? r.value : r.reason));
    });
    expect(parsed).toEqual([
      [4.5, -23.55052, -46.633308],
      [1250, -8.047562, -34.877],
      [0.85, -0.5, -38.52667],
    ]);
  });
});

describe('C4: zero and placeholder dates mean "unknown"', () => {
  it.each([
    ['siga', 'latitude_deg', ',00000000', 'placeholder'],
    ['siga', 'longitude_deg', ',00000000', 'placeholder'],
    ['gd', 'latitude_deg', '0', 'zero_coordinate'],
    ['gd', 'longitude_deg', ',0', 'zero_coordinate'],
    ['gd', 'latitude_deg', '-0,000', 'zero_coordinate'],
    ['siga', 'physical_guarantee_kw', ',00', 'placeholder'],
    ['siga', 'physical_guarantee_kw', ' ,00 ', 'placeholder'],
    ['siga', 'operation_start_date', '1900-01-03', 'placeholder'],
    ['gd', 'connection_date', '1900-01-01', 'placeholder'],
  ] as const)('%s.%s `%s` is NULL with reason %s', (dataset, name, raw, reason) => {
    expect(parseValue(column(dataset, name), raw)).toEqual(placeholder(reason));
  });

  it('keeps real values next to the placeholders', () => {
    expect(parseValue(column('siga', 'physical_guarantee_kw'), '6800,00')).toEqual(value(6800));
    expect(parseValue(column('siga', 'operation_start_date'), '1953-11-20')).toEqual(
      value('1953-11-20'),
    );
    expect(parseValue(column('siga', 'latitude_deg'), '-20,12479858')).toEqual(value(-20.12479858));
  });

  it('is not a placeholder for capacities: a zero capacity is a real zero', () => {
    expect(parseValue(column('operacao_historico', 'capacity_installed_kw'), ',00')).toEqual(
      value(0),
    );
  });
});

describe('C10: same field, different formats across files', () => {
  it.each([
    ['2026-10-01', '2026-10-01'],
    ['01-09-2024', '2024-09-01'],
    ['01/09/2024', '2024-09-01'],
    ['2024-07-10 00:00:00', '2024-07-10'],
    ['2024-07-10T13:45:00', '2024-07-10'],
  ])('date `%s` is %s', (raw, expected) => {
    expect(parseDate(raw)).toEqual(value(expected));
  });

  it.each(['2024-02-30', '31/04/2024', '1-9-2024', '2024/09/01', 'ontem'])(
    'date `%s` is not a date',
    (raw) => {
      expect(parseDate(raw)).toEqual(reject('not_a_date'));
    },
  );

  it.each([
    ['8', '000008'],
    ['000008', '000008'],
    ['27800', '027800'],
    ['123456', '123456'],
  ])('CEG nucleus `%s` is %s', (raw, expected) => {
    expect(parseCegNucleus(raw)).toEqual(value(expected));
  });

  it.each(['1234567', 'A8', '8.0'])('CEG nucleus `%s` is rejected', (raw) => {
    expect(parseCegNucleus(raw)).toEqual(reject('not_a_ceg_nucleus'));
  });

  it.each([
    ['3 ', 3],
    ['12', 12],
    [' 9', 9],
  ])('month `%s` is %s', (raw, expected) => {
    expect(parseMonth(raw)).toEqual(value(expected));
  });

  it('rejects months that are not months', () => {
    expect(parseMonth('13')).toEqual(reject('out_of_range'));
    expect(parseMonth('0')).toEqual(reject('out_of_range'));
    expect(parseMonth('março')).toEqual(reject('not_a_month'));
    expect(parseYear('2024')).toEqual(value(2024));
    expect(parseYear('24')).toEqual(reject('not_a_year'));
  });

  it('joins agents and SIGA on the same normalised nucleus', () => {
    const fromAgents = parseValue(column('agentes', 'plant_nucleus_id_ceg'), '8');
    const fromSiga = parseValue(column('siga', 'plant_nucleus_id_ceg'), '000008');
    expect(fromAgents).toEqual(fromSiga);
  });

  it.each([
    ['&amp- in names', 'J&amp-F S.A.', 'J&F S.A.'],
    ['two of them', 'ELOI BRUNETTA &amp- CIA. &amp- FILHOS', 'ELOI BRUNETTA & CIA. & FILHOS'],
    ['trailing spaces', 'Cachoeira da Onça ', 'Cachoeira da Onça'],
    ['leading space', ' 41 - Das Velhas - Sao Francisco', '41 - Das Velhas - Sao Francisco'],
  ])('text with %s', (_name, raw, expected) => {
    expect(parseText(raw)).toEqual(value(expected));
  });

  it.each([
    ['04895728000180', '04895728000180'],
    ['18.565.382/0001-66', '18565382000166'],
    ['***.962.380-**', '***.962.380-**'],
    ['12345678901', '12345678901'],
    ['123.456.789-01', '12345678901'],
  ])('document `%s` is %s', (raw, expected) => {
    expect(parseDocument(raw)).toEqual(value(expected));
  });

  it.each(['4895728000180', '***', 'abc'])('document `%s` is rejected', (raw) => {
    expect(parseDocument(raw)).toEqual(reject('not_a_document'));
  });

  it.each([
    ['sp', 'SP'],
    [' ba ', 'BA'],
  ])('UF `%s` is %s', (raw, expected) => {
    expect(parseUf(raw)).toEqual(value(expected));
  });

  it('rejects a UF that does not exist', () => {
    expect(parseUf('XX')).toEqual(reject('unknown_code'));
  });

  it.each([
    ['1.250', 1250],
    ['303', 303],
    ['0', 0],
  ])('integer `%s` is %s', (raw, expected) => {
    expect(parseInteger(raw)).toEqual(value(expected));
  });

  it('rejects an integer with a decimal part', () => {
    expect(parseInteger('1,5')).toEqual(reject('not_a_number'));
  });
});

describe('C11: dirty labels', () => {
  it.each([
    ['Fóssil', 'fossil'],
    ['Fossil', 'fossil'],
    ['FÓSSIL ', 'fossil'],
    ['Biomassa', 'biomass'],
  ])('thermal origin `%s` is %s', (raw, expected) => {
    expect(parseValue(column('termeletricas', 'fuel_origin'), raw)).toEqual(value(expected));
  });

  it.each([
    ['Petróleo', 'petroleum'],
    ['Petroleo', 'petroleum'],
    ['Gás natural', 'natural_gas'],
    ['Gas Natural', 'natural_gas'],
    ['Resíduos animais', 'animal_waste'],
    ['Residuos animais', 'animal_waste'],
    ['Biocombustíveis líquidos', 'liquid_biofuels'],
    ['Biocombustiveis Liquidos', 'liquid_biofuels'],
    ['Outros Fósseis', 'other_fossil'],
    ['Outros fosseis', 'other_fossil'],
    ['Carvão mineral', 'coal'],
    ['Carvao mineral', 'coal'],
  ])('thermal type `%s` is %s', (raw, expected) => {
    expect(parseValue(column('termeletricas', 'plant_type'), raw)).toEqual(value(expected));
  });

  it('folds labels the same way for grouping', () => {
    expect(foldLabel('  Gás   Natural ')).toBe(foldLabel('gas natural'));
    expect(foldLabel('RIO GRANDE DO NORTE')).toBe(foldLabel('Rio Grande do Norte'));
  });

  it('keys on the abbreviation, not the dirty state name', () => {
    const state = column('capacidade_uf', 'state_code');
    const name = column('capacidade_uf', 'state_name');
    expect(parseValue(state, 'BA')).toEqual(value('BA'));
    expect(parseValue(name, 'RIO DE JANEIRO')).toEqual(value('RIO DE JANEIRO'));
  });

  it('sends an unknown label to quarantine', () => {
    expect(parseValue(column('termeletricas', 'fuel_origin'), 'Nuclear')).toEqual(
      reject('unknown_code'),
    );
  });
});

describe('codes', () => {
  it.each([
    ['Operação', 'operating'],
    ['Construção', 'under_construction'],
    ['Construção não iniciada', 'not_started'],
    ['OPERACAO', 'operating'],
    ['operating', 'operating'],
  ])('phase `%s` is %s', (raw, expected) => {
    expect(parseValue(column('siga', 'phase'), raw)).toEqual(value(expected));
  });

  it.each([
    ['Sim', true],
    ['Não', false],
    ['nao', false],
  ])('yes/no `%s` is boolean %s', (raw, expected) => {
    expect(parseValue(column('siga', 'is_qualified_cogeneration'), raw)).toEqual(value(expected));
  });

  it('treats a code column without a set as open text', () => {
    expect(parseCode(' anything ', {})).toEqual(value('anything'));
  });

  it('checks generation types against the closed set', () => {
    const type = column('siga', 'generation_type');
    expect(parseValue(type, 'UFV')).toEqual(value('UFV'));
    expect(parseValue(type, 'ufv')).toEqual(value('UFV'));
    expect(parseValue(type, 'XYZ')).toEqual(reject('unknown_code'));
  });

  it('checks ranges after parsing', () => {
    const share = column('agentes', 'ownership_share_pct');
    expect(parseValue(share, ',10')).toEqual(value(0.1));
    expect(parseValue(share, '200,00')).toEqual(reject('out_of_range'));
    expect(parseValue(column('siga', 'capacity_granted_kw'), '-1,00')).toEqual(
      reject('out_of_range'),
    );
  });
});
