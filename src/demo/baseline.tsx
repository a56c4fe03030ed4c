/**
 * Yardstick for the bench: React + FluentProvider alone, built by webpack.demo.config.js
 * (env.baseline) with the add-in's own rules and optimisation. Not part of the product.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root') ?? document.body).render(
  <FluentProvider theme={webLightTheme}>
    <p>baseline</p>
  </FluentProvider>,
);
