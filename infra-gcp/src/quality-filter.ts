/**
 * The Cloud Logging filter of the quality sink: BigQuery audit entries for a load job that
 * finished without error, or a table created, in one of `datasetIds` (the silver dataset).
 * Each matching entry becomes one Pub/Sub message for the quality function.
 */
export function qualitySinkFilter(project: string, datasetIds: readonly string[]): string {
  const datasets = datasetIds.map((d) => `"projects/${project}/datasets/${d}/tables/"`);
  const inDatasets = (field: string) => `(${datasets.map((d) => `${field}:${d}`).join(' OR ')})`;
  return [
    'protoPayload.metadata."@type"="type.googleapis.com/google.cloud.audit.BigQueryAuditMetadata"',
    'AND (',
    '  (protoPayload.metadata.jobChange.after="DONE"',
    '   AND protoPayload.metadata.jobChange.job.jobConfig.type="LOAD"',
    '   AND NOT protoPayload.metadata.jobChange.job.jobStatus.errorResult.code:*',
    `   AND ${inDatasets('protoPayload.metadata.jobChange.job.jobConfig.loadConfig.destinationTable')})`,
    `  OR ${inDatasets('protoPayload.metadata.tableCreation.table.tableName')}`,
    ')',
  ].join('\n');
}
