// Runs a WS `command` frame: control token first, then zod validation, then the daemon's send port.
import { DaemonCommandSchema } from './commands';
import { controlTokenMatches } from './control-token';
import type { DaemonPorts } from './ports';
import { type CommandFrame, describeIssues } from './ws-client-frames';

export type CommandReply =
  | { type: 'command_result'; data: Record<string, unknown> }
  | { type: 'error'; data: { code: string; message: string; id?: string | number } };

export async function runCommand(
  frame: CommandFrame,
  ports: Pick<DaemonPorts, 'controlToken' | 'send'>,
  onFailure?: (err: unknown) => void,
): Promise<CommandReply> {
  const withId = <T extends object>(data: T) => (frame.id === undefined ? data : { ...data, id: frame.id });
  const error = (code: string, message: string): CommandReply => ({
    type: 'error',
    data: withId({ code, message }),
  });
  if (ports.controlToken === '') return error('commands_disabled', 'commands are disabled on this daemon');
  if (!controlTokenMatches(frame.token, ports.controlToken)) {
    return error('unauthorized', 'missing or wrong control token');
  }
  const parsed = DaemonCommandSchema.safeParse(frame.command);
  if (!parsed.success) return error('invalid_command', describeIssues(parsed.error));
  const command = parsed.data;
  try {
    const result = await ports.send(command);
    return { type: 'command_result', data: withId({ command: command.type, ...result }) };
  } catch (err) {
    onFailure?.(err);
    return error('command_failed', 'the daemon could not run the command');
  }
}
