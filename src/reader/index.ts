/** The .xlsx reader: bytes in, Grids out; platform-neutral (runs in Node and in the pane). */
export { readSheets, readGrids, DEFAULT_LIMITS, XlsxError, type ReadLimits, type Package } from './xlsx';
