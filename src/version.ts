// The daemon's version, read from package.json: the one `--version`, `/v3/status` and
// `/v3/openapi.json` all report, so a release bump cannot leave one of them behind.
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
