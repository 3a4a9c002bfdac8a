// The kill switch: asks for the control token in a dialog, sends the command frame, reports the answer.
// @ts-check
import { byTestId } from './dom.js';

/** @import { ServerFrame, Store } from './console-store.js' */

let nextId = 1;

/**
 * Wires the button and dialog. `send(frame)` returns false when the socket is down; `onChange` runs after
 * the store changed. The token is read from the dialog and never kept after sending.
 * @param {Store} store
 * @param {{ send: (frame: object) => boolean, onChange: () => void }} io
 */
export function setupKillSwitch(store, { send, onChange }) {
  const button = byTestId('kill-switch', HTMLButtonElement);
  const dialog = byTestId('kill-dialog', HTMLDialogElement);
  const form = byTestId('kill-form', HTMLFormElement);
  const input = byTestId('token-input', HTMLInputElement);
  const text = byTestId('kill-dialog-text');
  let wanted = true;

  /**
   * @param {boolean} ok
   * @param {string} message
   */
  const report = (ok, message) => {
    store.commandResult = { ok, text: message };
    onChange();
  };

  button.addEventListener('click', () => {
    wanted = store.killSwitch.on !== true;
    text.textContent = wanted
      ? 'Engage the kill switch: the daemon stops placing new orders.'
      : 'Release the kill switch: the daemon may place orders again.';
    input.value = '';
    dialog.showModal();
    input.focus();
  });
  byTestId('kill-cancel').addEventListener('click', () => {
    input.value = '';
    dialog.close();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const token = input.value;
    input.value = '';
    dialog.close();
    const id = `kill-${nextId++}`;
    const frame = { type: 'command', id, token, command: { type: 'kill_switch', on: wanted } };
    if (!send(frame))
      return report(false, 'Not connected to the daemon: the kill switch command was not sent.');
    store.killSwitch.pending = { id, on: wanted };
    report(true, `Kill switch ${wanted ? 'engage' : 'release'} sent; waiting for the daemon…`);
  });
}

/**
 * Handles `command_result` / `error` frames answering our command; false for anyone else's.
 * @param {Store} store
 * @param {Extract<ServerFrame, { type: 'command_result' | 'error' }>} frame
 */
export function applyCommandReply(store, frame) {
  const d = frame.data;
  const pending = store.killSwitch.pending;
  if (pending === null || d.id === undefined || d.id !== pending.id) return false;
  store.killSwitch.pending = null;
  if (frame.type === 'command_result' && frame.data.ok === true) {
    store.killSwitch.on = pending.on;
    store.commandResult = { ok: true, text: `Kill switch ${pending.on ? 'engaged' : 'released'}.` };
  } else {
    const why = d.message ?? d.code ?? 'refused';
    store.commandResult = { ok: false, text: `Kill switch command failed: ${why}` };
  }
  return true;
}

/** @param {Store} store */
export function renderKillSwitch(store) {
  const button = byTestId('kill-switch', HTMLButtonElement);
  const on = store.killSwitch.on;
  button.dataset.on = on === null ? 'unknown' : String(on);
  button.textContent = on === true ? 'Release kill switch' : 'Kill switch';
}
