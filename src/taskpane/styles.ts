/** Styles every view of the pane shares: the view's column, its headings, hints and button rows. */
import { makeStyles, tokens } from '@fluentui/react-components';

export const useViewStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  h3: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalS} 0` },
  hint: { color: tokens.colorNeutralForeground3, margin: 0, overflowWrap: 'anywhere' },
  /** a button whose label wraps instead of overflowing a narrow or zoomed pane (Fluent's are 96 px at least, one line) */
  button: { minWidth: 0, maxWidth: '100%', height: 'auto', whiteSpace: 'normal', overflowWrap: 'anywhere' },
  /** a Field whose control may be narrower than its content (Fields are grids sized by their content) */
  field: { gridTemplateColumns: 'minmax(0, 1fr)', minWidth: 0 },
  /** the root of an Input, Select or Textarea, and (`inner`) the native element in it */
  control: { minWidth: 0, maxWidth: '100%' },
  inner: { minWidth: 0, width: '100%' },
  actions: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
});
