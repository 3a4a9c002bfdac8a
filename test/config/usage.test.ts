import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ConfigHelpRequested,
  loadConfig,
  renderConfigMarkdown,
  renderUsage,
  VARIABLES,
} from '../../src/config';

const DOC = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');

describe('docs/configuration.md', () => {
  it('holds exactly the table generated from the variables', () => {
    const start = DOC.indexOf('<!-- generated:start -->\n');
    const end = DOC.indexOf('<!-- generated:end -->');
    expect(start).toBeGreaterThan(-1);
    expect(DOC.slice(start + '<!-- generated:start -->\n'.length, end)).toBe(renderConfigMarkdown());
  });

  it('documents every flag the parser knows', () => {
    for (const flag of [
      '--port',
      '--host',
      '--markets',
      '--log-level',
      '--strategy',
      '--sim-markets',
      '--sim-rate',
      '--help',
    ]) {
      expect(DOC).toContain(`\`${flag}`);
    }
  });
});

describe('usage', () => {
  it('lists every variable with its default and what it accepts', () => {
    const usage = renderUsage();
    for (const name of Object.keys(VARIABLES)) expect(usage).toContain(`  ${name} [`);
    expect(usage).toContain('V3_PORT [8005]: an integer from 0 to 65535');
    expect(usage).toContain('--markets LIST|N|DISCOVERY');
    expect(usage).toContain('--strategy NAME|PATH');
    expect(usage).toContain('  market_maker: quotes a bid and an ask');
    expect(usage).toContain('      spread_ticks [2]: integer 1..1000');
  });

  it('is what --help carries', () => {
    try {
      loadConfig({}, ['--help']);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigHelpRequested);
      expect((err as ConfigHelpRequested).text).toBe(renderUsage());
    }
  });
});
