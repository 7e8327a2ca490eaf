import type { ExcelSim } from './office-sim';

declare global {
  interface Window {
    __excelSim: ExcelSim;
  }
}
