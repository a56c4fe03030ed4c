/** The 附件2 review row and its browser-safe destinations. */
export * from './types';
export * from './rubric';
export * from './build';
export * from './layout';
export * from './validate-row';
export * from './server-client';
export * from './destinations';
export { GraphAnnex2, GraphError, encodeSharingUrl, GRAPH_TABLE_HEADER, type GraphCheck, type GraphTokenProvider } from './graph';
