import { describe, expect, it } from 'vitest';
import { useSimRig } from '../support/fixtures';
import { type Salt, type SimRig, signedHeaders } from './sim-rig';
import { openClient, refused } from './ws/ws-client';

const sims = useSimRig();

const balance = async (r: SimRig, salt: Salt) =>
  (await r.rest('GET', '/portfolio/balance', undefined, salt)).status;
const upgradeHeaders = (salt: Salt) => signedHeaders(sims.key, 'GET', '/trade-api/ws/v2', salt);

describe('strictSignatures', () => {
  it('off (the default): max-length and digest salts both pass', async () => {
    const rig = await sims.start();
    expect(await balance(rig, 'max')).toBe(200);
    expect(await balance(rig, 'digest')).toBe(200);
  });

  it('on through the admin API: a max-length salt gets 401 on REST and on the WS upgrade', async () => {
    const rig = await sims.start();
    expect((await rig.admin('POST', 'faults', { strictSignatures: 'yes' })).status).toBe(400);
    expect((await rig.admin('POST', 'faults', { strictSignatures: true })).status).toBe(200);
    const refusedRest = await rig.rest('GET', '/portfolio/balance', undefined, 'max');
    expect(refusedRest.status).toBe(401);
    expect(refusedRest.body).toMatchObject({
      error: {
        code: 'authentication_error',
        details: 'rpc error: code = Unauthenticated desc = INCORRECT_API_KEY_SIGNATURE',
      },
    });
    expect(await balance(rig, 'digest')).toBe(200);
    expect((await refused(rig.sim.wsUrl, upgradeHeaders('max'))).status).toBe(401);
    const ok = openClient(rig.sim.wsUrl, upgradeHeaders('digest'));
    await ok.opened;
    ok.client.ws.close();
    expect((await rig.admin('GET', 'state')).body.faults).toMatchObject({ strictSignatures: true });
  });

  it('as a startSimulator option it is a baseline that DELETE /sim/faults keeps', async () => {
    const rig = await sims.start({ strictSignatures: true });
    expect(await balance(rig, 'max')).toBe(401);
    await rig.admin('POST', 'faults', { latencyMs: 1 });
    expect((await rig.admin('DELETE', 'faults')).body).toMatchObject({
      strictSignatures: true,
      latencyMs: 0,
    });
    expect(await balance(rig, 'max')).toBe(401);
    await rig.admin('POST', 'faults', { strictSignatures: false });
    expect(await balance(rig, 'max')).toBe(200);
  });
});
