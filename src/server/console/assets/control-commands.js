// Operator commands from the page: the control token asked once per browser session (sessionStorage only,
// never localStorage or a URL), one dialog that confirms a command and reports a wrong token inside itself
// (staying open), and each command frame matched to its answer.
// @ts-check
import { byTestId } from './dom.js';

/** @import { ServerFrame } from './console-store.js' */

/** @typedef {Extract<ServerFrame, { type: 'command_result' | 'error' }>} CommandReply */
/**
 * `what` names the command in the dialog; `confirm` (a sentence) makes the dialog ask before sending even
 * when the token is known.
 * @typedef {{ what: string, confirm?: string }} CommandAsk
 */

const TOKEN_KEY = 'kalshi-trader.control-token';
let nextId = 1;

/** The token this tab was given, if any: sessionStorage dies with the tab and never leaves the browser. */
const storedToken = () => sessionStorage.getItem(TOKEN_KEY);

/**
 * Wires the dialog. `send(frame)` returns false while the socket is down.
 * @param {{ send: (frame: object) => boolean }} io
 */
export function setupCommands({ send }) {
  const dialog = byTestId('command-dialog', HTMLDialogElement);
  const form = byTestId('command-form', HTMLFormElement);
  const title = byTestId('command-dialog-title');
  const text = byTestId('command-dialog-text');
  const tokenField = byTestId('token-field');
  const input = byTestId('token-input', HTMLInputElement);
  const error = byTestId('command-dialog-error');
  const confirm = byTestId('command-confirm', HTMLButtonElement);
  /** @type {Map<string, (reply: CommandReply) => void>} */
  const waiting = new Map();
  /** The command the dialog is asking about, and how to settle its caller. */
  /** @type {{ command: object, finish: (reply: CommandReply) => void } | null} */
  let asking = null;

  /**
   * @param {string} code
   * @param {string} message
   * @returns {CommandReply}
   */
  const failure = (code, message) => ({ type: 'error', data: { code, message } });

  /**
   * One frame out, its answer back (a failure at once when the socket is down).
   * @param {object} command
   * @param {string} token
   * @returns {Promise<CommandReply>}
   */
  const transmit = (command, token) => {
    const id = `cmd-${nextId++}`;
    if (!send({ type: 'command', id, token, command }))
      return Promise.resolve(failure('not_connected', 'not connected to the daemon: nothing was sent'));
    return new Promise((resolve) => waiting.set(id, resolve));
  };

  /**
   * @param {CommandAsk} ask
   * @param {string | null} problem shown inside the dialog
   */
  const open = (ask, problem) => {
    title.textContent = ask.what;
    text.textContent =
      ask.confirm ?? 'This command needs the control token (kept for this browser tab only).';
    const needToken = storedToken() === null;
    tokenField.hidden = !needToken;
    input.required = needToken;
    input.value = '';
    error.hidden = problem === null;
    error.textContent = problem ?? '';
    confirm.disabled = false;
    if (!dialog.open) dialog.showModal();
    (needToken ? input : confirm).focus();
  };

  const cancel = () => {
    const current = asking;
    asking = null;
    dialog.close();
    current?.finish(failure('cancelled', 'cancelled: nothing was sent'));
  };
  byTestId('command-cancel').addEventListener('click', cancel);
  // Escape closes a modal dialog: that is a cancel too.
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    cancel();
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (asking === null) return;
    const { command, finish } = asking;
    const typed = tokenField.hidden ? null : input.value;
    const token = typed ?? storedToken() ?? '';
    confirm.disabled = true;
    error.hidden = true;
    const reply = await transmit(command, token);
    if (reply.type === 'error' && reply.data.code === 'unauthorized') {
      // A wrong (or since-changed) token: forget it and ask again, in the dialog, which stays open.
      sessionStorage.removeItem(TOKEN_KEY);
      tokenField.hidden = false;
      input.required = true;
      input.value = '';
      error.hidden = false;
      error.textContent = 'Wrong control token: the daemon refused it. Type it again.';
      confirm.disabled = false;
      input.focus();
      return;
    }
    if (typed !== null && reply.data.code !== 'not_connected') sessionStorage.setItem(TOKEN_KEY, typed);
    asking = null;
    dialog.close();
    finish(reply);
  });

  return {
    /**
     * Sends `command`, asking for the token (or a confirmation) first when needed; resolves with the
     * daemon's answer, or a local failure (`cancelled`, `not_connected`).
     * @param {object} command
     * @param {CommandAsk} ask
     * @returns {Promise<CommandReply>}
     */
    async run(command, ask) {
      const token = storedToken();
      if (token !== null && ask.confirm === undefined) {
        const reply = await transmit(command, token);
        if (reply.type !== 'error' || reply.data.code !== 'unauthorized') return reply;
        sessionStorage.removeItem(TOKEN_KEY);
        return new Promise((finish) => {
          asking = { command, finish };
          open(ask, 'The daemon refused the stored control token. Type it again.');
        });
      }
      return new Promise((finish) => {
        asking?.finish(failure('cancelled', 'replaced by another command'));
        asking = { command, finish };
        open(ask, null);
      });
    },

    /**
     * Routes a `command_result` / `error` frame to the command it answers; false for anyone else's.
     * @param {CommandReply} frame
     */
    applyReply(frame) {
      const id = frame.data.id;
      const resolve = typeof id === 'string' ? waiting.get(id) : undefined;
      if (resolve === undefined || typeof id !== 'string') return false;
      waiting.delete(id);
      resolve(frame);
      return true;
    },
  };
}

/** @typedef {ReturnType<typeof setupCommands>} Commands */

/**
 * A reply as one line: the daemon's message, or why it failed.
 * @param {string} what
 * @param {CommandReply} reply
 */
export function describeReply(what, reply) {
  const d = /** @type {Record<string, unknown>} */ (reply.data);
  if (reply.type === 'command_result' && d.ok === true)
    return `${what}: done${d.message ? ` (${String(d.message)})` : ''}.`;
  return `${what} failed: ${String(d.message ?? d.code ?? 'refused')}`;
}
