// The market maker's parameters as the README documents them: every one in the schema is in the README's
// table with its default, and the table lists nothing the schema does not have.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeParams } from '../../src/strategies/strategy-params';

describe('market_maker parameters in the README', () => {
  it('are exactly the schema’s, each with its default', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('| parameter | default | accepts | meaning |'));
    const rows = [...table.matchAll(/^ {2}\| `(\w+)` \| `([^`]*)` \|/gm)].map(
      ([, name, value]) => `${name}=${value}`,
    );
    const params = describeParams('market_maker');
    expect(params.length).toBeGreaterThan(5);
    expect(rows).toEqual(params.map((p) => `${p.name}=${p.default}`));
  });
});
