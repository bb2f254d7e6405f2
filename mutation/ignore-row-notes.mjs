// A Stryker ignorer: the `note` of an error-table row (ErrorRow.note) is its
// documentation for whoever reads the table, read by no code and printed nowhere; a
// mutant that empties it changes no behaviour, so it is left out of the score
// (reported as ignored, with this reason) instead of pinned by a test that asserts prose.
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'error-row-notes', {
    shouldIgnore(path) {
      const parent = path.parentPath;
      if (!parent?.isObjectProperty() || parent.node.value !== path.node) return undefined;
      const key = parent.node.key;
      const named = key.type === 'Identifier' ? key.name : key.type === 'StringLiteral' ? key.value : '';
      if (named === 'note' && (path.isStringLiteral() || path.isTemplateLiteral())) {
        return 'An error row’s note is documentation: no code reads it.';
      }
      return undefined;
    },
  }),
];
