/**
 * Renders the pane for a test. Fluent's style rules go into a detached document: jsdom's
 * getComputedStyle matches every rule in the page, which made each role query take a second,
 * and the tests assert text, roles and calls, not styles.
 */
import { RendererProvider, createDOMRenderer } from '@fluentui/react-components';
import { type RenderResult, render, screen } from '@testing-library/react';
import type { ReactElement } from 'react';

export function renderPane(ui: ReactElement): RenderResult {
  const styles = document.implementation.createHTMLDocument('styles');
  return render(
    <RendererProvider renderer={createDOMRenderer(styles)} targetDocument={document}>
      {ui}
    </RendererProvider>,
  );
}

/**
 * A tab by its label. Unselected Fluent tabs carry a copy of their label that CSS keeps invisible
 * (it reserves the bold width); without the styles it joins the accessible name, hence the prefix match.
 */
export function tab(label: string): HTMLElement {
  return screen.getByRole('tab', { name: new RegExp(`^${label}`) });
}
