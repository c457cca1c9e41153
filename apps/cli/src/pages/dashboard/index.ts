export type * from './dashboard-data.ts';
export { DashboardError } from './dashboard-error.ts';
export { loadDashboardData, type LoadDashboardOptions } from './load-dashboard-data.ts';
export { renderDashboard } from './render-dashboard.ts';
