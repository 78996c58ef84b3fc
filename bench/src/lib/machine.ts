import os from 'node:os';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memGiB: number;
  node: string;
  platform: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** The 1-, 5- and 15-minute load averages: a busy machine makes every figure noisier. */
export const loadAverage = (): number[] => os.loadavg().map((l) => Math.round(l * 100) / 100);
