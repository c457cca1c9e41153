import { listDatasets } from '@matriz/core';

/**
 * The CKAN packages the offline portal knows: ANEEL's generation datasets, with the file name of
 * the CSV resource each one publishes and the data dictionary (PDF) beside it.
 */
export interface PortalPackage {
  /** CKAN package name, as in `package_show?id=`. */
  readonly name: string;
  /** Title shown by ANEEL's portal. */
  readonly title: string;
  /** One-paragraph description (`notes`). */
  readonly notes: string;
  /** File name of the CSV resource (`siga-empreendimentos-geracao.csv`). */
  readonly fileName: string;
  /** ANEEL's "Frequência de atualização" extra. */
  readonly frequency: string;
  /**
   * Folders under each data directory that hold this package's snapshots
   * (`<folder>/<yyyy-mm-dd>/<file>`) and dictionary (`<folder>/*.pdf`). The first is the package
   * name; others are spellings used by the bundled data.
   */
  readonly folders: readonly string[];
}

/**
 * Other ids `package_show` answers to: the package slug (or UUID) ANEEL's live portal uses, as
 * recorded in the core registry, so the pipeline's client sends the same request to both portals.
 */
function liveIds(fileName: string): string[] {
  return listDatasets()
    .filter((d) => d.ckan.fileName === fileName)
    .map((d) => d.ckan.packageId);
}

/**
 * Every package served. `empreendimento-geracao-distribuida` and `ralie-usina` have no bundled CSV:
 * their CSV resource appears only when a file is dropped into `<package>/<yyyy-mm-dd>/` of the
 * data directory or of an `extraDirs` entry (e.g. a synthetic GD file for benchmarks).
 */
export const PORTAL_PACKAGES: readonly PortalPackage[] = [
  {
    name: 'siga-empreendimentos-geracao',
    title: 'Sistema de Informações de Geração da ANEEL - SIGA',
    notes:
      'Empreendimentos de geração de energia elétrica: usinas em operação, em construção e com construção não iniciada.',
    fileName: 'siga-empreendimentos-geracao.csv',
    frequency: 'Diária',
    folders: ['siga-empreendimentos-geracao'],
  },
  {
    name: 'agentes-geracao-energia-eletrica',
    title: 'Agentes de Geração de Energia Elétrica',
    notes:
      'Agentes proprietários de cada empreendimento de geração, com a participação de cada um.',
    fileName: 'agentes-geracao-energia-eletrica.csv',
    frequency: 'Mensal',
    folders: ['agentes-geracao-energia-eletrica'],
  },
  {
    name: 'capacidade-instalada-geracao-uf',
    title: 'Capacidade Instalada de Geração por Unidade da Federação',
    notes: 'Potência instalada de geração por UF, mês a mês.',
    fileName: 'capacidade-instalada-geracao-uf.csv',
    frequency: 'Mensal',
    folders: ['capacidade-instalada-geracao-uf'],
  },
  {
    name: 'empreendimento-operacao-historico',
    title: 'Histórico de Empreendimentos em Operação',
    notes: 'Quantidade de usinas e potência instalada por tipo de geração ao longo do tempo.',
    fileName: 'empreendimento-operacao-historico.csv',
    frequency: 'Trimestral',
    folders: ['empreendimento-operacao-historico'],
  },
  {
    name: 'usina-termeletrica-tipo',
    title: 'Usinas Termelétricas por Tipo',
    notes:
      'Quantidade e potência instalada de usinas termelétricas por origem e tipo de combustível.',
    fileName: 'usina-termeletrica-tipo.csv',
    frequency: 'Mensal',
    folders: ['usina-termeletrica-tipo'],
  },
  {
    name: 'empreendimento-geracao-distribuida',
    title: 'Relação de Empreendimentos de Geração Distribuída',
    notes: 'Micro e minigeração distribuída (MMGD) conectada às distribuidoras.',
    fileName: 'empreendimento-geracao-distribuida.csv',
    frequency: 'Mensal',
    folders: ['empreendimento-geracao-distribuida', 'empreendimentos-geracao-distribuida'],
  },
  {
    name: 'ralie-usina',
    title: 'Relatório de Acompanhamento da Implantação de Empreendimentos de Geração - RALIE',
    notes: 'Acompanhamento da implantação das usinas outorgadas.',
    fileName: 'ralie-usina.csv',
    frequency: 'Mensal',
    folders: ['ralie-usina'],
  },
];

/** The package with this name, or undefined. */
export function findPortalPackage(name: string): PortalPackage | undefined {
  return PORTAL_PACKAGES.find((p) => p.name === name || liveIds(p.fileName).includes(name));
}
