export { PORTAL_PACKAGES, findPortalPackage, type PortalPackage } from './catalogue.ts';
export { FaultInjector, type FaultKind, type FaultOptions, type FaultTarget } from './faults.ts';
export { DATASTORE_ROWS_MAX } from './datastore.ts';
export { csvResourceId, dictionaryResourceId, DATASTORE_MAX_BYTES } from './package-show.ts';
export { scanSnapshots, type PortalSnapshot } from './snapshots.ts';
export {
  BUNDLED_DATA_DIR,
  startPortal,
  type Portal,
  type PortalOptions,
  type PortalRequest,
} from './start-portal.ts';
