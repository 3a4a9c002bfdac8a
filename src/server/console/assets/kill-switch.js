// The kill switch: asks for the control token in a dialog, sends the command frame, reports the answer.
import { byTestId } from './dom.js';

let nextId = 1;

/**
 * Wires the button and dialog. `send(frame)` returns false when the socket is down; `onResult` gets
 * `{ ok, text }` for the store. The token is read from the dialog and never kept after sending.
 */
export function setupKillSwitch(store, { send, onChange }) {
  const button = byTestId('kill-switch');
  const dialog = byTestId('kill-dialog');
  const form = byTestId('kill-form');
  const input = byTestId('token-input');
  const text = byTestId('kill-dialog-text');
  let wanted = true;

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
    store.killSwitch.pendingId = id;
    store.killSwitch.pendingOn = wanted;
    report(true, `Kill switch ${wanted ? 'engage' : 'release'} sent; waiting for the daemon…`);
  });
}

/** Handles `command_result` / `error` frames answering our command; false for anyone else's. */
export function applyCommandReply(store, frame) {
  const d = frame.data ?? {};
  if (d.id === undefined || d.id !== store.killSwitch.pendingId) return false;
  store.killSwitch.pendingId = null;
  if (frame.type === 'command_result' && d.ok === true) {
    store.killSwitch.on = store.killSwitch.pendingOn;
    store.commandResult = { ok: true, text: `Kill switch ${store.killSwitch.on ? 'engaged' : 'released'}.` };
  } else {
    const why = d.message ?? d.code ?? 'refused';
    store.commandResult = { ok: false, text: `Kill switch command failed: ${why}` };
  }
  return true;
}

export function renderKillSwitch(store) {
  const button = byTestId('kill-switch');
  const on = store.killSwitch.on;
  button.dataset.on = on === null ? 'unknown' : String(on);
  button.textContent = on === true ? 'Release kill switch' : 'Kill switch';
}
