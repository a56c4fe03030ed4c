/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
/**
 * The ribbon function file as Office runs it: commands.ts registers validateSheet with
 * Office.actions.associate (and as a global for older clients); a click validates through the
 * Excel module, opens dialog.html with the summary, and completes the event only once the dialog
 * is closed; a dialog that cannot open, or a second click, still completes every event.
 */
import { validateGrid, type Grid } from '../../src/core';
import type { SettingsInput } from '../../src/core/validate';
import { gridFromRows, seedRowsOf } from '../helpers/grid';
import { decodeSummary } from '../../src/commands/summary';
import type { ValidateOutcome } from '../../src/host';

let mockGrid: Grid;
const mockCalls: string[] = [];
jest.mock('../../src/excel/host', () => ({
  createExcelHost: () => ({
    loadSettings: async () => ({ engine: {}, lang: 'zh' }),
    validateAndMark: async (s: SettingsInput): Promise<ValidateOutcome> => {
      mockCalls.push('validateAndMark');
      const result = validateGrid(mockGrid, s);
      return { result, marked: new Set(result.findings.map((f) => f.cell)).size, markMode: 'notes', syncs: 2 };
    },
  }),
}));

type Handler = (arg?: unknown) => void;
interface FakeDialog {
  url: string;
  handlers: Map<string, Handler>;
  closed: boolean;
}

const dialogs: FakeDialog[] = [];
const associated = new Map<string, (e: { completed: () => void }) => void>();
let failNextDialog: { code: number; message: string } | null = null;

(globalThis as unknown as { Office: unknown }).Office = {
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
  onReady: (cb?: () => void) => {
    cb?.();
    return Promise.resolve({ host: 'Excel' });
  },
  actions: { associate: (name: string, fn: (e: { completed: () => void }) => void) => associated.set(name, fn) },
  context: {
    displayLanguage: 'zh-CN',
    ui: {
      displayDialogAsync: (url: string, _opts: unknown, cb: (r: unknown) => void) => {
        if (failNextDialog) {
          const error = failNextDialog;
          failNextDialog = null;
          cb({ status: 'failed', error });
          return;
        }
        const d: FakeDialog = { url, handlers: new Map(), closed: false };
        dialogs.push(d);
        cb({
          status: 'succeeded',
          value: {
            addEventHandler: (type: string, h: Handler) => d.handlers.set(type, h),
            close: () => {
              d.closed = true;
            },
          },
        });
      },
    },
  },
};

const flush = () => new Promise((r) => setTimeout(r, 0));

function click() {
  const event = { count: 0, completed() { this.count++; } };
  associated.get('validateSheet')?.(event);
  return event;
}

beforeAll(async () => {
  mockGrid = gridFromRows('城乡居民养老', seedRowsOf('form2')); // seed form 2 as Excel reads it
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  await import('../../src/commands/commands');
});

beforeEach(() => {
  dialogs.length = 0;
});

it('registers validateSheet both ways Office looks it up', () => {
  expect(associated.has('validateSheet')).toBe(true);
  expect(typeof (window as unknown as { validateSheet?: unknown }).validateSheet).toBe('function');
});

it('validates, shows the counts in dialog.html, and completes when the user closes it', async () => {
  const event = click();
  for (let i = 0; i < 20 && dialogs.length === 0; i++) await flush();
  expect(mockCalls).toContain('validateAndMark');
  expect(dialogs).toHaveLength(1);
  const url = new URL(dialogs[0].url);
  expect(`${url.origin}${url.pathname}`).toBe(`${window.location.origin}/dialog.html`);
  expect(url.search).toBe(''); // the summary travels in the fragment, which no server sees
  const summary = decodeSummary(url.hash);
  const n = validateGrid(mockGrid, {}).findings.length;
  if (summary?.kind !== 'result') throw new Error('expected a result summary');
  expect(summary.counts.error + summary.counts.warning + summary.counts.info).toBe(n);
  await flush();
  expect(event.count).toBe(0); // still open
  dialogs[0].handlers.get('dialogMessageReceived')?.({ message: 'close' });
  await flush();
  expect(dialogs[0].closed).toBe(true);
  expect(event.count).toBe(1);
});

it('completes when the dialog is closed with its own X button', async () => {
  const event = click();
  for (let i = 0; i < 20 && dialogs.length === 0; i++) await flush();
  dialogs[0].handlers.get('dialogEventReceived')?.({ error: 12006 });
  await flush();
  expect(event.count).toBe(1);
});

it('a second click closes the first dialog and completes both events', async () => {
  const first = click();
  for (let i = 0; i < 20 && dialogs.length < 1; i++) await flush();
  const second = click();
  for (let i = 0; i < 20 && dialogs.length < 2; i++) await flush();
  expect(dialogs[0].closed).toBe(true);
  expect(first.count).toBe(1);
  expect(second.count).toBe(0);
  dialogs[1].handlers.get('dialogMessageReceived')?.({ message: 'close' });
  await flush();
  expect(second.count).toBe(1);
});

it('completes the event even when Office cannot open the dialog', async () => {
  failNextDialog = { code: 12007, message: 'A dialog box is already opened from this host window.' };
  const event = click();
  for (let i = 0; i < 20 && event.count === 0; i++) await flush();
  expect(event.count).toBe(1);
  expect(console.error).toHaveBeenCalledWith(expect.stringContaining('could not be shown'), 'result', expect.stringContaining('12007'));
});
