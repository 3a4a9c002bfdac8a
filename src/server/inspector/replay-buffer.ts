// What a late /v3/inspect viewer is sent first: every known actor, its latest snapshot, the last N events.
import type { EncodedFrame } from './inspection-frame';

export interface ReplayLimits {
  /** `@xstate.event` frames kept. */
  maxEvents: number;
  /** Actors kept; past this, finished actors go first, then the oldest non-root ones. */
  maxActors: number;
}

interface Stamped {
  seq: number;
  json: string;
}

interface ActorEntry {
  actor: Stamped;
  isRoot: boolean;
  status: string | undefined;
  snapshot?: Stamped;
}

const FINISHED = new Set(['done', 'error', 'stopped']);

export class ReplayBuffer {
  private seq = 0;
  /** Insertion order is creation order, which eviction and replay rely on. */
  private readonly actors = new Map<string, ActorEntry>();
  private readonly events: Stamped[] = [];
  private eventsStart = 0;

  constructor(private readonly limits: ReplayLimits) {}

  add(frame: EncodedFrame): void {
    const stamped = { seq: this.seq++, json: frame.json };
    switch (frame.type) {
      case '@xstate.actor': {
        const previous = this.actors.get(frame.sessionId);
        this.actors.set(frame.sessionId, {
          actor: stamped,
          isRoot: frame.parentId === undefined,
          status: frame.status ?? previous?.status,
          ...(previous?.snapshot === undefined ? {} : { snapshot: previous.snapshot }),
        });
        this.evictActors();
        return;
      }
      case '@xstate.snapshot': {
        // A snapshot of an actor we no longer keep (or never saw) has nothing to attach to.
        const entry = this.actors.get(frame.sessionId);
        if (entry === undefined) return;
        entry.snapshot = stamped;
        entry.status = frame.status ?? entry.status;
        return;
      }
      case '@xstate.event':
        this.events.push(stamped);
        // Trim in chunks: an array shift per event would be O(n) on a busy actor.
        if (this.events.length - this.eventsStart > this.limits.maxEvents) this.eventsStart++;
        if (this.eventsStart > 1_024) {
          this.events.splice(0, this.eventsStart);
          this.eventsStart = 0;
        }
        return;
    }
  }

  /** Whether the actor's own frame is here (its snapshots have something to attach to). */
  knows(sessionId: string): boolean {
    return this.actors.has(sessionId);
  }

  /** Frames in their original order, so actors precede their snapshots and events read as a timeline. */
  frames(): string[] {
    const kept: Stamped[] = [];
    for (const entry of this.actors.values()) {
      kept.push(entry.actor);
      if (entry.snapshot !== undefined) kept.push(entry.snapshot);
    }
    for (let i = this.eventsStart; i < this.events.length; i++) kept.push(this.events[i] as Stamped);
    return kept.sort((a, b) => a.seq - b.seq).map((s) => s.json);
  }

  stats(): { actors: number; events: number } {
    return { actors: this.actors.size, events: this.events.length - this.eventsStart };
  }

  private evictActors(): void {
    while (this.actors.size > this.limits.maxActors) {
      const victim =
        this.find((e) => !e.isRoot && e.status !== undefined && FINISHED.has(e.status)) ??
        this.find((e) => !e.isRoot) ??
        this.actors.keys().next().value;
      if (victim === undefined) return;
      this.actors.delete(victim);
    }
  }

  private find(pred: (e: ActorEntry) => boolean): string | undefined {
    for (const [id, entry] of this.actors) if (pred(entry)) return id;
    return undefined;
  }
}
