/** Everything the dashboard page shows, loaded from a lake's gold tables and catalog. */
export interface DashboardData {
  /** When the data was read (ISO-8601); ages are counted from it. */
  readonly generatedAt: string;
  /** SIGA snapshot the headline, type and state figures come from; null without SIGA data. */
  readonly snapshot: SnapshotSummary | null;
  /** Every SIGA data date in the lake with its plant count, oldest first. */
  readonly sigaSnapshots: readonly SnapshotSize[];
  readonly byType: readonly TypeCapacity[];
  readonly byState: readonly StateCapacity[];
  /** Installed capacity per generation type and month (empty without the history dataset). */
  readonly history: HistorySeries;
  readonly thermal: ThermalSnapshot | null;
  readonly gdGrowth: readonly GdMonth[];
  readonly owners: readonly OwnerCapacity[];
  readonly freshness: readonly DatasetFreshness[];
}

export interface SnapshotSize {
  readonly dataDate: string;
  readonly plants: number;
}

/** Headline figures of one SIGA snapshot; each plant is counted once (its primary row). */
export interface SnapshotSummary {
  /** SIGA data date (`yyyy-mm-dd`). */
  readonly dataDate: string;
  readonly operating: PhaseTotal;
  readonly underConstruction: PhaseTotal;
  readonly notStarted: PhaseTotal;
  /** Set when the snapshot lists far fewer plants than the one before it (a partial file). */
  readonly previous: SnapshotSize | null;
}

export interface PhaseTotal {
  readonly plants: number;
  /** Operating: inspected capacity; otherwise granted capacity, kW. */
  readonly capacityKw: number;
}

export interface TypeCapacity {
  /** ANEEL generation type (`UHE`, `UTE`, ...). */
  readonly generationType: string;
  readonly plants: number;
  /** Operating capacity, kW. */
  readonly capacityKw: number;
  /** Granted capacity of plants under construction, kW. */
  readonly underConstructionKw: number;
  /** Granted capacity of plants whose construction has not started, kW. */
  readonly notStartedKw: number;
}

export interface StateCapacity {
  /** Federative unit abbreviation (`MG`). */
  readonly state: string;
  readonly plants: number;
  /** Operating capacity, kW. */
  readonly capacityKw: number;
}

export interface HistorySeries {
  /** Data date of the history snapshot; null when the lake has none. */
  readonly dataDate: string | null;
  /** Generation types, largest capacity in the latest month first. */
  readonly types: readonly string[];
  readonly months: readonly HistoryMonth[];
}

export interface HistoryMonth {
  /** First day of the reference month (`yyyy-mm-dd`). */
  readonly month: string;
  /** Installed capacity per generation type, kW (0 when the type is absent that month). */
  readonly capacityKw: Readonly<Record<string, number>>;
}

export interface ThermalSnapshot {
  readonly dataDate: string;
  /** Reference month of the figures (the latest in the file). */
  readonly month: string;
  readonly fuels: readonly ThermalFuel[];
}

export interface ThermalFuel {
  /** Normalised fuel origin (`fossil`, `biomass`, ...). */
  readonly fuelOrigin: string;
  /** Normalised plant type within the origin (`natural gas`, `coal`, ...). */
  readonly plantType: string;
  readonly plants: number;
  readonly capacityKw: number;
}

export interface GdMonth {
  /** First day of the connection month. */
  readonly month: string;
  readonly systems: number;
  /** Capacity connected in the month, kW. */
  readonly capacityKw: number;
  /** Capacity connected up to and including the month, kW. */
  readonly cumulativeKw: number;
}

export interface OwnerCapacity {
  readonly agentId: string;
  readonly agentName: string;
  readonly plants: number;
  /** Operating capacity attributed by ownership share, kW. */
  readonly capacityKw: number;
}

export interface DatasetFreshness {
  readonly dataset: string;
  readonly title: string;
  /** Latest data date in silver; null when the dataset has no snapshot in the lake. */
  readonly latestDataDate: string | null;
  readonly snapshots: number;
  /** Whole days from the latest data date to `generatedAt`. */
  readonly ageDays: number | null;
  /** ANEEL's publication cadence (`monthly`). */
  readonly cadence: string;
  /** True when the age exceeds the cadence plus its grace days. */
  readonly isOverdue: boolean;
}
