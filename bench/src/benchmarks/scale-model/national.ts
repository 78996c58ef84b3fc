import { round } from '../../lib/stats';
import type { Sizes } from './measure';

/**
 * From one measured phase to a national deployment (~10,000 units, ~100 million dossiers a year).
 * Every assumption is a named constant here and is written into the result beside the figures.
 */
export const ASSUMPTIONS = {
  dossiersPerYear: 100_000_000,
  /** Dossiers are received on working days, in office hours. */
  workingSecondsPerYear: 250 * 8 * 3600,
  /** Busiest hour over the average office hour (month ends, Monday mornings). */
  peakFactor: 3,
  /**
   * One real dossier's work in measured flows: the measured flow is 5 writes; a real life adds the
   * result (PDF + signature, ~3× a step's CPU in dossier-flow), the return, and the reads staff and
   * citizens make around it (lists, detail, tracking).
   */
  flowsPerDossier: 2.5,
  /** Plan machines to run at most this busy at the peak. */
  targetUtilization: 0.6,
  apiCoresPerMachine: 8,
  dbCoresPerWorker: 16,
  /** Years of dossiers kept online on the database. */
  retentionYears: 5,
  dbBytesPerWorker: 2 * 2 ** 40,
  /** The current year's indexes (open dossiers, today's lists) should stay in half a worker's memory. */
  ramBytesPerWorker: 128 * 2 ** 30,
  /** Citus: a coordinator pair; every worker has a streaming replica. */
  coordinators: 2,
  /** The coordinator plans and routes every statement: its cores as a share of the workers'. */
  coordinatorCpuShare: 0.3,
  coordinatorCoresPerMachine: 16,
  replicasPerWorker: 1,
  redisClusterNodes: 6,
  objectStoreNodes: 4,
};

interface MeasuredPhase {
  tenants: number;
  serverCpuMsPerFlow: number;
  databaseCpuMsPerFlow: number;
  sizes: Sizes;
}

/**
 * Cores from the CPU each flow cost the server process and the database backends (measured per
 * process, so other work on the machine does not inflate it), storage from the measured bytes.
 */
export function nationalEstimate(p: MeasuredPhase) {
  const a = ASSUMPTIONS;
  const peakDossiersPerSecond = (a.dossiersPerYear / a.workingSecondsPerYear) * a.peakFactor;
  const peakFlowsPerSecond = peakDossiersPerSecond * a.flowsPerDossier;
  const apiCoreSecondsPerFlow = p.serverCpuMsPerFlow / 1000;
  const dbCoreSecondsPerFlow = p.databaseCpuMsPerFlow / 1000;
  const apiCores = (peakFlowsPerSecond * apiCoreSecondsPerFlow) / a.targetUtilization;
  const dbCores = (peakFlowsPerSecond * dbCoreSecondsPerFlow) / a.targetUtilization;
  const bytesPerDossier =
    (p.sizes.tenantTablesBytes + p.sizes.tenantIndexesBytes) / Math.max(p.sizes.dossiers, 1);
  const dbBytes = bytesPerDossier * a.dossiersPerYear * a.retentionYears;
  const indexBytesPerDossier = p.sizes.tenantIndexesBytes / Math.max(p.sizes.dossiers, 1);
  const hotIndexBytes = indexBytesPerDossier * a.dossiersPerYear;
  const apiMachines = Math.max(2, Math.ceil(apiCores / a.apiCoresPerMachine));
  const workers = Math.max(
    2,
    Math.ceil(dbCores / a.dbCoresPerWorker),
    Math.ceil(dbBytes / a.dbBytesPerWorker),
  );
  const coordinatorCores = (dbCores * a.coordinatorCpuShare) / 1;
  // Coordinators: an active one (and its standby) big enough, or more active coordinators (Citus
  // lets every worker take queries too, "query from any node").
  const coordinators =
    a.coordinators * Math.max(1, Math.ceil(coordinatorCores / a.coordinatorCoresPerMachine));
  const dbMachines = coordinators + workers * (1 + a.replicasPerWorker);
  return {
    assumptions: a,
    fromPhase: p.tenants,
    peakDossiersPerSecond: round(peakDossiersPerSecond, 1),
    peakFlowsPerSecond: round(peakFlowsPerSecond, 1),
    apiCoreSecondsPerFlow: round(apiCoreSecondsPerFlow, 3),
    dbCoreSecondsPerFlow: round(dbCoreSecondsPerFlow, 3),
    apiCores: round(apiCores, 1),
    dbCores: round(dbCores, 1),
    coordinatorCores: round(coordinatorCores, 1),
    bytesPerDossier: Math.round(bytesPerDossier),
    dbTiB: round(dbBytes / 2 ** 40, 2),
    indexBytesPerDossier: Math.round(indexBytesPerDossier),
    hotIndexGiB: round(hotIndexBytes / 2 ** 30, 1),
    machines: {
      api: apiMachines,
      citusCoordinators: coordinators,
      citusWorkers: workers,
      database: dbMachines,
      redis: a.redisClusterNodes,
      objectStore: a.objectStoreNodes,
      total: apiMachines + dbMachines + a.redisClusterNodes + a.objectStoreNodes,
    },
  };
}
