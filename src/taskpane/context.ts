/** What every view of the pane shares: the host, the settings, and the way to report a failed call. */
import { createContext, useContext } from 'react';
import type { Operation } from './errors';
import type { PaneHost, PaneSettings } from '../host';

export interface PaneContextValue {
  host: PaneHost;
  settings: PaneSettings;
  /** false until the saved settings were read (or reading them failed) */
  ready: boolean;
  /** Save settings with the workbook; resolves false (after showing the error) when the host refused. */
  save(next: PaneSettings): Promise<boolean>;
  /** Show a rejected host call in an error MessageBar. */
  fail(op: Operation, err: unknown): void;
}

export const PaneContext = createContext<PaneContextValue | null>(null);

export function usePane(): PaneContextValue {
  const v = useContext(PaneContext);
  if (!v) throw new Error('usePane outside <App>');
  return v;
}
