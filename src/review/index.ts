/** The 附件2 review row and its browser-safe destinations. */
export * from './types';
export * from './rubric';
export * from './build';
export * from './layout';
export * from './validate-row';
