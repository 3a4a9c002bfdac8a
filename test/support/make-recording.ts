// Makes the committed CI recording: `npx tsx test/support/make-recording.ts [path]`.
import { recordSession } from './recorded-session';

const path = process.argv[2] ?? 'test/fixtures/recordings/sim-session.ndjson.gz';
const live = await recordSession(path);
process.stdout.write(`${path}: ${live.transitions.length} transitions, ${live.gaps} gaps, ${live.resyncs} resyncs\n`);
