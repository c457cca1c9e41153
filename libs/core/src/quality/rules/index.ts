import type { DatasetId } from '../core-deps.ts';
import { agentesRules } from './agentes.ts';
import { capacidadeUfRules } from './capacidade-uf.ts';
import { gdRules } from './gd.ts';
import { operacaoHistoricoRules } from './operacao-historico.ts';
import { ralieRules } from './ralie.ts';
import { sigaRules } from './siga.ts';
import { termeletricasRules } from './termeletricas.ts';
import type { DatasetQualityRules } from './types.ts';

export type * from './types.ts';

/** The quality rules of every dataset, by id. */
export const qualityRules: Readonly<Record<DatasetId, DatasetQualityRules>> = {
  siga: sigaRules,
  gd: gdRules,
  agentes: agentesRules,
  capacidade_uf: capacidadeUfRules,
  operacao_historico: operacaoHistoricoRules,
  termeletricas: termeletricasRules,
  ralie: ralieRules,
};

/** The quality rules declared for a dataset. */
export function qualityRulesFor(dataset: DatasetId): DatasetQualityRules {
  return qualityRules[dataset];
}
