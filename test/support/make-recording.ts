// Makes the committed CI recording and the replay outputs it is held to:
// `npx tsx test/support/make-recording.ts` (after a change that rightly changes what the replay does).
import { writeFile } from 'node:fs/promises';
import { readRecording } from '../../src/record/recording-reader';
import { recordSession } from './recorded-session';
import { replayRecording } from './replay-harness';

const path = 'test/fixtures/recordings/sim-session.ndjson.gz';
const live = await recordSession(path);
const { outputs } = await replayRecording(await readRecording(path));
await writeFile(path.replace('.ndjson.gz', '.expected.json'), `${JSON.stringify(outputs, null, 2)}\n`);
process.stdout.write(
  `${path}: ${live.transitions.length} transitions, ${live.gaps} gaps, ${live.resyncs} resyncs\n`,
);
