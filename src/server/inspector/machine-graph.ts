// A state machine's structure as small plain data the inspector page can draw: nested states and transitions.
import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';

export type TransitionKind = 'event' | 'after' | 'always' | 'done' | 'error';

export interface GraphTransition {
  kind: TransitionKind;
  /** What a person reads: `FEED.DOWN`, `after RECOVERY_BACKOFF`, `done: initialSync`, `always`. */
  label: string;
  guard?: string;
  /** Node ids (see GraphNode.id); empty for a transition that only runs actions. */
  targets: string[];
}

export interface GraphNode {
  /** The machine id and the state's key path joined by dots, matching how `snapshot.value` nests. */
  id: string;
  key: string;
  type: AnyStateNode['type'];
  /** Key of the initial child, for compound states. */
  initial?: string;
  invokes: string[];
  tags: string[];
  transitions: GraphTransition[];
  children: GraphNode[];
}

export interface MachineGraph {
  id: string;
  root: GraphNode;
  nodeCount: number;
  /** Set when the machine had more than `maxNodes` states: deeper states were left out. */
  truncated?: true;
}

/** True for XState machine logic (as opposed to callback, promise or observable logic). */
export function isStateMachine(logic: unknown): logic is AnyStateMachine {
  const root = (logic as { root?: { states?: unknown; path?: unknown } } | null)?.root;
  return (
    typeof root === 'object' && root !== null && Array.isArray(root.path) && typeof root.states === 'object'
  );
}

const nodeId = (machineId: string, node: AnyStateNode) => [machineId, ...node.path].join('.');

function guardName(guard: unknown): string | undefined {
  if (guard === undefined || guard === null) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') return guard.name || 'guard';
  const type = (guard as { type?: unknown }).type;
  return typeof type === 'string' ? type : 'guard';
}

/** XState's internal event names, made readable: the delay or actor id they carry. */
function describeEvent(eventType: string, source: AnyStateNode): { kind: TransitionKind; label: string } {
  if (eventType.startsWith('xstate.after.')) {
    const rest = eventType.slice('xstate.after.'.length);
    const suffix = `.${source.id}`;
    const delay = rest.endsWith(suffix) ? rest.slice(0, -suffix.length) : rest;
    return { kind: 'after', label: /^\d+$/.test(delay) ? `after ${delay} ms` : `after ${delay}` };
  }
  if (eventType.startsWith('xstate.done.actor.')) {
    return { kind: 'done', label: `done: ${eventType.slice('xstate.done.actor.'.length)}` };
  }
  if (eventType.startsWith('xstate.error.actor.')) {
    return { kind: 'error', label: `error: ${eventType.slice('xstate.error.actor.'.length)}` };
  }
  if (eventType.startsWith('xstate.done.state.')) return { kind: 'done', label: 'done (children final)' };
  return { kind: 'event', label: eventType };
}

function toTransition(
  machineId: string,
  t: AnyTransitionDefinition,
  source: AnyStateNode,
  always: boolean,
): GraphTransition {
  const { kind, label } = always
    ? { kind: 'always' as const, label: 'always' }
    : describeEvent(t.eventType, source);
  const guard = guardName(t.guard);
  const targets = (t.target ?? []).map((target) => nodeId(machineId, target));
  return guard === undefined ? { kind, label, targets } : { kind, label, guard, targets };
}

/** Walks the machine's resolved state nodes (targets already resolved to nodes by XState). */
export function toMachineGraph(machine: AnyStateMachine, maxNodes = 400): MachineGraph {
  const machineId = machine.id;
  let count = 0;
  let truncated = false;

  const visit = (node: AnyStateNode): GraphNode => {
    count++;
    const transitions = [
      ...[...node.transitions.values()].flat().map((t) => toTransition(machineId, t, node, false)),
      ...(node.always ?? []).map((t) => toTransition(machineId, t, node, true)),
    ];
    const children: GraphNode[] = [];
    for (const child of Object.values(node.states) as AnyStateNode[]) {
      if (count >= maxNodes) {
        truncated = true;
        break;
      }
      children.push(visit(child));
    }
    const initialTarget = node.type === 'compound' ? node.initial?.target[0] : undefined;
    return {
      id: nodeId(machineId, node),
      key: node.key,
      type: node.type,
      ...(initialTarget === undefined ? {} : { initial: initialTarget.key }),
      invokes: node.invoke.map((inv) =>
        typeof inv.src === 'string' && inv.src !== inv.id ? `${inv.id} (${inv.src})` : inv.id,
      ),
      tags: [...node.tags],
      transitions,
      children,
    };
  };

  const root = visit(machine.root);
  return truncated
    ? { id: machineId, root, nodeCount: count, truncated: true }
    : { id: machineId, root, nodeCount: count };
}
