/**
 * The value pools of the synthetic distributed-generation file. State codes, IBGE codes and
 * municipality names are real; distributor CNPJs, substations and postal codes are invented;
 * weights are rough shares of the 2025 MMGD register (solar, residential, micro dominate).
 */

export interface Municipality {
  readonly name: string;
  /** IBGE municipality code (7 digits). */
  readonly ibge: string;
  /** IBGE mesoregion code (4 digits) and name. */
  readonly mesoCode: string;
  readonly mesoName: string;
  readonly lat: number;
  readonly lon: number;
}

export interface Distributor {
  readonly cnpj: string;
  readonly acronym: string;
  readonly name: string;
}

export interface State {
  readonly uf: string;
  readonly ibge: string;
  /** Relative share of units. */
  readonly weight: number;
  readonly distributors: readonly Distributor[];
  readonly municipalities: readonly Municipality[];
}

const m = (
  name: string,
  ibge: string,
  mesoCode: string,
  mesoName: string,
  lat: number,
  lon: number,
): Municipality => ({ name, ibge, mesoCode, mesoName, lat, lon });

const dist = (cnpj: string, acronym: string, name: string): Distributor => ({
  cnpj,
  acronym,
  name,
});

export const STATES: readonly State[] = [
  {
    uf: 'MG',
    ibge: '31',
    weight: 14,
    distributors: [dist('06981180000116', 'CEMIG-D', 'CEMIG DISTRIBUIÇÃO S.A')],
    municipalities: [
      m('Belo Horizonte', '3106200', '3107', 'Metropolitana de Belo Horizonte', -19.92, -43.94),
      m('Uberlândia', '3170206', '3105', 'Triângulo Mineiro/Alto Paranaíba', -18.91, -48.27),
      m('Montes Claros', '3143302', '3103', 'Norte de Minas', -16.73, -43.86),
      m('Pará de Minas', '3147105', '3107', 'Metropolitana de Belo Horizonte', -19.86, -44.61),
    ],
  },
  {
    uf: 'SP',
    ibge: '35',
    weight: 13,
    distributors: [
      dist(
        '61695227000193',
        'ELETROPAULO',
        'ELETROPAULO METROPOLITANA ELETRICIDADE DE SÃO PAULO S.A.',
      ),
      dist('33050196000188', 'CPFL-PAULISTA', 'COMPANHIA PAULISTA DE FORÇA E LUZ'),
    ],
    municipalities: [
      m('São Paulo', '3550308', '3515', 'Metropolitana de São Paulo', -23.55, -46.63),
      m('Campinas', '3509502', '3507', 'Campinas', -22.91, -47.06),
      m('Ribeirão Preto', '3543402', '3502', 'Ribeirão Preto', -21.18, -47.81),
      m('Santa Bárbara d’Oeste', '3545803', '3507', 'Campinas', -22.75, -47.41),
    ],
  },
  {
    uf: 'RS',
    ibge: '43',
    weight: 9,
    distributors: [dist('02016440000162', 'RGE', 'RGE SUL DISTRIBUIDORA DE ENERGIA S.A.')],
    municipalities: [
      m('Porto Alegre', '4314902', '4305', 'Metropolitana de Porto Alegre', -30.03, -51.23),
      m('Caxias do Sul', '4305108', '4303', 'Nordeste Rio-grandense', -29.17, -51.18),
      m('Santa Maria', '4316907', '4303', 'Centro Ocidental Rio-grandense', -29.68, -53.81),
    ],
  },
  {
    uf: 'PR',
    ibge: '41',
    weight: 8,
    distributors: [dist('04368898000106', 'COPEL-DIS', 'COPEL DISTRIBUIÇÃO S.A.')],
    municipalities: [
      m('Curitiba', '4106902', '4110', 'Metropolitana de Curitiba', -25.43, -49.27),
      m('Londrina', '4113700', '4103', 'Norte Central Paranaense', -23.31, -51.16),
      m('Cascavel', '4104808', '4106', 'Oeste Paranaense', -24.96, -53.46),
    ],
  },
  {
    uf: 'MT',
    ibge: '51',
    weight: 6,
    distributors: [
      dist('03467321000199', 'EMT', 'ENERGISA MATO GROSSO - DISTRIBUIDORA DE ENERGIA S.A'),
    ],
    municipalities: [
      m('Cuiabá', '5103403', '5104', 'Centro-Sul Mato-grossense', -15.6, -56.1),
      m('Sinop', '5107909', '5101', 'Norte Mato-grossense', -11.86, -55.51),
    ],
  },
  {
    uf: 'GO',
    ibge: '52',
    weight: 6,
    distributors: [
      dist('01543032000104', 'EQUATORIAL GO', 'EQUATORIAL GOIÁS DISTRIBUIDORA DE ENERGIA S.A.'),
    ],
    municipalities: [
      m('Goiânia', '5208707', '5203', 'Centro Goiano', -16.68, -49.25),
      m('Rio Verde', '5218805', '5205', 'Sul Goiano', -17.79, -50.92),
    ],
  },
  {
    uf: 'SC',
    ibge: '42',
    weight: 5,
    distributors: [dist('08336783000190', 'CELESC', 'CELESC DISTRIBUIÇÃO S.A.')],
    municipalities: [
      m('Florianópolis', '4205407', '4205', 'Grande Florianópolis', -27.6, -48.55),
      m('Chapecó', '4204202', '4201', 'Oeste Catarinense', -27.1, -52.62),
    ],
  },
  {
    uf: 'BA',
    ibge: '29',
    weight: 5,
    distributors: [
      dist('15139629000194', 'COELBA', 'COMPANHIA DE ELETRICIDADE DO ESTADO DA BAHIA COELBA'),
    ],
    municipalities: [
      m('Salvador', '2927408', '2907', 'Metropolitana de Salvador', -12.97, -38.5),
      m('Feira de Santana', '2910800', '2905', 'Centro Norte Baiano', -12.27, -38.97),
      m('Vitória da Conquista', '2933307', '2906', 'Centro Sul Baiano', -14.86, -40.84),
    ],
  },
  {
    uf: 'RJ',
    ibge: '33',
    weight: 4,
    distributors: [dist('60444437000146', 'LIGHT SESA', 'LIGHT SERVIÇOS DE ELETRICIDADE S A')],
    municipalities: [
      m('Rio de Janeiro', '3304557', '3306', 'Metropolitana do Rio de Janeiro', -22.91, -43.2),
      m('Niterói', '3303302', '3306', 'Metropolitana do Rio de Janeiro', -22.88, -43.1),
    ],
  },
  {
    uf: 'CE',
    ibge: '23',
    weight: 3,
    distributors: [dist('07047251000170', 'ENEL CE', 'COMPANHIA ENERGÉTICA DO CEARÁ')],
    municipalities: [
      m('Fortaleza', '2304400', '2303', 'Metropolitana de Fortaleza', -3.72, -38.54),
      m('Juazeiro do Norte', '2307304', '2307', 'Sul Cearense', -7.21, -39.31),
    ],
  },
  {
    uf: 'PE',
    ibge: '26',
    weight: 3,
    distributors: [dist('10835932000108', 'NEOENERGIA PE', 'COMPANHIA ENERGÉTICA DE PERNAMBUCO')],
    municipalities: [
      m('Recife', '2611606', '2605', 'Metropolitana de Recife', -8.05, -34.88),
      m('Petrolina', '2611101', '2601', 'São Francisco Pernambucano', -9.39, -40.5),
    ],
  },
  {
    uf: 'MS',
    ibge: '50',
    weight: 3,
    distributors: [
      dist('15413826000150', 'EMS', 'ENERGISA MATO GROSSO DO SUL - DISTRIBUIDORA DE ENERGIA S.A.'),
    ],
    municipalities: [
      m('Campo Grande', '5002704', '5004', 'Centro Norte de Mato Grosso do Sul', -20.44, -54.65),
      m('Dourados', '5003702', '5003', 'Sudoeste de Mato Grosso do Sul', -22.22, -54.81),
    ],
  },
  {
    uf: 'ES',
    ibge: '32',
    weight: 2,
    distributors: [
      dist('28152650000171', 'EDP ES', 'EDP ESPIRITO SANTO DISTRIBUIÇÃO DE ENERGIA S.A.'),
    ],
    municipalities: [
      m('Vitória', '3205309', '3203', 'Central Espírito-santense', -20.32, -40.34),
      m('Linhares', '3203205', '3202', 'Litoral Norte Espírito-santense', -19.39, -40.07),
    ],
  },
  {
    uf: 'PA',
    ibge: '15',
    weight: 2,
    distributors: [
      dist('04895728000180', 'EQUATORIAL PA', 'EQUATORIAL PARÁ DISTRIBUIDORA DE ENERGIA S.A.'),
    ],
    municipalities: [
      m('Belém', '1501402', '1503', 'Metropolitana de Belém', -1.46, -48.5),
      m('Marabá', '1504208', '1506', 'Sudeste Paraense', -5.37, -49.12),
    ],
  },
  {
    uf: 'DF',
    ibge: '53',
    weight: 1.5,
    distributors: [
      dist('07522669000192', 'NEOENERGIA BRASILIA', 'NEOENERGIA DISTRIBUIÇÃO BRASÍLIA S.A.'),
    ],
    municipalities: [m('Brasília', '5300108', '5301', 'Distrito Federal', -15.79, -47.88)],
  },
  {
    uf: 'AL',
    ibge: '27',
    weight: 1,
    distributors: [
      dist('12272084000100', 'EQUATORIAL AL', 'EQUATORIAL ALAGOAS DISTRIBUIDORA DE ENERGIA S.A.'),
    ],
    municipalities: [
      m('Maceió', '2704302', '2703', 'Leste Alagoano', -9.67, -35.74),
      m('Olho d’Água das Flores', '2705804', '2702', 'Agreste Alagoano', -9.54, -37.29),
    ],
  },
  {
    uf: 'PB',
    ibge: '25',
    weight: 1,
    distributors: [
      dist('09095183000140', 'EPB', 'ENERGISA PARAÍBA - DISTRIBUIDORA DE ENERGIA S.A'),
    ],
    municipalities: [m('João Pessoa', '2507507', '2504', 'Mata Paraibana', -7.12, -34.86)],
  },
  {
    uf: 'RN',
    ibge: '24',
    weight: 1,
    distributors: [
      dist('08324196000181', 'COSERN', 'COMPANHIA ENERGÉTICA DO RIO GRANDE DO NORTE COSERN'),
    ],
    municipalities: [m('Natal', '2408102', '2404', 'Leste Potiguar', -5.79, -35.21)],
  },
  {
    uf: 'MA',
    ibge: '21',
    weight: 1,
    distributors: [
      dist('06272793000184', 'EQUATORIAL MA', 'EQUATORIAL MARANHÃO DISTRIBUIDORA DE ENERGIA S.A.'),
    ],
    municipalities: [m('São Luís', '2111300', '2101', 'Norte Maranhense', -2.53, -44.3)],
  },
  {
    uf: 'PI',
    ibge: '22',
    weight: 1,
    distributors: [
      dist('06840748000189', 'EQUATORIAL PI', 'EQUATORIAL PIAUÍ DISTRIBUIDORA DE ENERGIA S.A.'),
    ],
    municipalities: [m('Teresina', '2211001', '2203', 'Centro-Norte Piauiense', -5.09, -42.8)],
  },
  {
    uf: 'TO',
    ibge: '17',
    weight: 0.8,
    distributors: [
      dist('25086034000171', 'ETO', 'ENERGISA TOCANTINS DISTRIBUIDORA DE ENERGIA S.A.'),
    ],
    municipalities: [m('Palmas', '1721000', '1702', 'Oriental do Tocantins', -10.18, -48.33)],
  },
  {
    uf: 'SE',
    ibge: '28',
    weight: 0.6,
    distributors: [
      dist('13017462000163', 'ESE', 'ENERGISA SERGIPE - DISTRIBUIDORA DE ENERGIA S.A.'),
    ],
    municipalities: [m('Aracaju', '2800308', '2803', 'Leste Sergipano', -10.91, -37.07)],
  },
  {
    uf: 'RO',
    ibge: '11',
    weight: 0.6,
    distributors: [
      dist('05914650000166', 'ERO', 'ENERGISA RONDÔNIA - DISTRIBUIDORA DE ENERGIA S.A.'),
    ],
    municipalities: [m('Porto Velho', '1100205', '1101', 'Madeira-Guaporé', -8.76, -63.9)],
  },
  {
    uf: 'AM',
    ibge: '13',
    weight: 0.4,
    distributors: [dist('02341467000120', 'AmE', 'AMAZONAS ENERGIA S.A')],
    municipalities: [m('Manaus', '1302603', '1303', 'Centro Amazonense', -3.12, -60.02)],
  },
  {
    uf: 'AC',
    ibge: '12',
    weight: 0.2,
    distributors: [dist('04065033000170', 'EAC', 'ENERGISA ACRE - DISTRIBUIDORA DE ENERGIA')],
    municipalities: [m('Rio Branco', '1200401', '1202', 'Vale do Acre', -9.97, -67.81)],
  },
  {
    uf: 'AP',
    ibge: '16',
    weight: 0.1,
    distributors: [dist('05965546000109', 'CEA', 'COMPANHIA DE ELETRICIDADE DO AMAPÁ')],
    municipalities: [m('Macapá', '1600303', '1602', 'Sul do Amapá', 0.03, -51.07)],
  },
  {
    uf: 'RR',
    ibge: '14',
    weight: 0.1,
    distributors: [dist('02341470000144', 'RORAIMA ENERGIA', 'RORAIMA ENERGIA S.A')],
    municipalities: [m('Boa Vista', '1400100', '1401', 'Norte de Roraima', 2.82, -60.67)],
  },
];

/** `[CodClasseConsumo, DscClasseConsumo, weight]`. */
export const CONSUMER_CLASSES: readonly (readonly [string, string, number])[] = [
  ['1', 'Residencial', 78],
  ['2', 'Comercial', 11],
  ['3', 'Rural', 8],
  ['4', 'Industrial', 2],
  ['5', 'Poder Público', 0.6],
  ['6', 'Serviço Público', 0.2],
  ['7', 'Iluminação Pública', 0.05],
  ['8', 'Consumo Próprio', 0.15],
];

/** Dictionary v2.3 modality labels with rough shares. */
export const MODALITIES: readonly (readonly [string, number])[] = [
  ['Com Microgeração ou Minigeração distribuída', 72],
  ['Caracterizada como autoconsumo remoto', 24],
  ['Caracterizada como Geração compartilhada', 3],
  ['Integrante de empreendimento de múltiplas UC (Unidades Consumidoras)', 1],
];

/** `[SigTipoGeracao, DscFonteGeracao, weight]`. */
export const SOURCES: readonly (readonly [string, string, number])[] = [
  ['UFV', 'Radiação solar', 990],
  ['UTE', 'Biogás-AGR', 3],
  ['UTE', 'Bagaço de Cana de Açúcar', 1],
  ['CGH', 'Potencial hidráulico', 3],
  ['EOL', 'Cinética do vento', 2],
  ['UTE', 'Resíduos Florestais', 1],
];

export const SUBSTATION_WORDS: readonly string[] = [
  'CENTRO',
  'INDUSTRIAL',
  'JARDIM',
  'SÃO JOSÉ',
  'BOA VISTA',
  'VILA NOVA',
  'SANTA RITA',
  'CONCEIÇÃO',
  'PIRAÍ',
  'ALTO DA SERRA',
];

export const COMPANY_WORDS: readonly string[] = [
  'SOLAR',
  'AGROPECUÁRIA',
  'COMÉRCIO',
  'SUPERMERCADO',
  'INDÚSTRIA',
  'TRANSPORTES',
  'ENERGIA',
  'CONSTRUTORA',
];
