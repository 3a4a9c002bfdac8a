// The operator's buttons: kill switch, cancel all, pause / resume the strategy, resync the selected market,
// shut the daemon down. Each sends its command through the token dialog and reports the answer.
// @ts-check
import { describeReply } from './control-commands.js';
import { byTestId } from './dom.js';

/**
 * @import { Store } from './console-store.js'
 * @import { CommandReply, Commands } from './control-commands.js'
 */

/**
 * @param {Store} store
 * @param {Commands} commands
 * @param {() => void} onChange
 */
export function setupControls(store, commands, onChange) {
  /**
   * Runs a command and shows its answer in the command banner; a cancelled dialog says nothing.
   * @param {object} command
   * @param {{ what: string, confirm?: string }} ask
   * @param {(reply: CommandReply) => string} [describe]
   */
  const act = async (command, ask, describe = (r) => describeReply(ask.what, r)) => {
    const reply = await commands.run(command, ask);
    if (reply.type === 'error' && reply.data.code === 'cancelled') return reply;
    store.commandResult = {
      ok: reply.type === 'command_result' && reply.data.ok === true,
      text: describe(reply),
    };
    onChange();
    return reply;
  };
  /** @param {string} id @param {() => void} fn */
  const on = (id, fn) => byTestId(id, HTMLButtonElement).addEventListener('click', fn);

  on('kill-switch', async () => {
    const wanted = store.killSwitch.on !== true;
    const reply = await act(
      { type: 'kill_switch', on: wanted },
      {
        what: wanted ? 'Engage the kill switch' : 'Release the kill switch',
        confirm: wanted
          ? 'Engage the kill switch: the daemon stops placing new orders.'
          : 'Release the kill switch: the daemon may place orders again.',
      },
      (r) =>
        r.type === 'command_result' && r.data.ok === true
          ? `Kill switch ${wanted ? 'engaged' : 'released'}.`
          : `Kill switch command failed: ${String(r.data.message ?? r.data.code)}`,
    );
    if (reply.type === 'command_result' && reply.data.ok === true) store.killSwitch.on = wanted;
    onChange();
  });
  const cancelAll = () =>
    act(
      { type: 'cancel_all' },
      { what: 'Cancel all orders', confirm: 'Cancel every resting order the daemon placed.' },
    );
  on('cancel-all', cancelAll);
  on('orders-cancel-all', cancelAll);
  on('strategy-toggle', async () => {
    const pause = store.strategy.paused !== true;
    const reply = await act(
      { type: 'strategy', paused: pause },
      { what: pause ? 'Pause the strategy' : 'Resume the strategy' },
    );
    if (reply.type === 'command_result' && reply.data.ok === true) store.strategy.paused = pause;
    onChange();
  });
  on('resync-market', () => {
    const ticker = store.selectedMarket;
    if (ticker !== null) void act({ type: 'resync_market', ticker }, { what: `Resync ${ticker}` });
  });
  on('shutdown', () =>
    act(
      { type: 'shutdown' },
      {
        what: 'Shut the daemon down',
        confirm:
          'Stop the daemon as SIGTERM does: the strategy stops, resting orders are cancelled if so ' +
          'configured, and the process exits. It does not restart by itself.',
      },
    ),
  );
}

/** @param {Store} store */
export function renderControls(store) {
  const kill = byTestId('kill-switch', HTMLButtonElement);
  const on = store.killSwitch.on;
  kill.dataset.on = on === null ? 'unknown' : String(on);
  kill.textContent = on === true ? 'Release kill switch' : 'Kill switch';
  const toggle = byTestId('strategy-toggle', HTMLButtonElement);
  toggle.textContent = store.strategy.paused ? 'Resume strategy' : 'Pause strategy';
  toggle.dataset.paused = String(store.strategy.paused === true);
  const resync = byTestId('resync-market', HTMLButtonElement);
  resync.disabled = store.selectedMarket === null;
  resync.textContent = store.selectedMarket === null ? 'Resync market' : `Resync ${store.selectedMarket}`;
}
