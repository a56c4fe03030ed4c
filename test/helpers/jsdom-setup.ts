/**
 * jsdom lacks a few browser APIs Fluent UI uses (matchMedia for reduced motion, ResizeObserver for
 * the MessageBar's reflow). Imported first by the pane's tests.
 */
import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The lazy views load on first visit; give them time on a busy machine.
configure({ asyncUtilTimeout: 5000 });

if (typeof window !== 'undefined') {
  // every browser the pane runs in has TextEncoder; jsdom's global scope does not
  if (typeof globalThis.TextEncoder === 'undefined') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const util = require('node:util') as typeof import('node:util');
    Object.assign(globalThis, { TextEncoder: util.TextEncoder, TextDecoder: util.TextDecoder });
  }
  if (!window.matchMedia) {
    window.matchMedia = (query: string): MediaQueryList =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  if (!('ResizeObserver' in window)) {
    class ResizeObserverStub {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    }
    (window as unknown as { ResizeObserver: unknown }).ResizeObserver = ResizeObserverStub;
    (globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver = ResizeObserverStub;
  }
}
