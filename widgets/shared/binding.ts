import type { Room } from '../room/room.js';

/**
 * The one contract every widget's binding keeps: `bind<Widget>(element, room, context)`
 * connects a devroom element to a room (state down as properties, the element's request
 * events up as room writes) and returns `{ ready, stop }`. The widget page, the public reader
 * (widgets/public/public-room.ts, a table of these) and the tests all call it the same way.
 */
export interface Binding {
  /** Resolves when what the room already has is read and shown (the first full render can follow). */
  ready: Promise<void>;
  /** Unsubscribes and stops timers; the element keeps what it shows. */
  stop(): void;
}

/** What a binding gets besides its element and room. Everything is optional: a test on a MemoryRoom passes nothing. */
export interface BindContext {
  /**
   * Whether the client granted a capability (the widget runtime's check). Default: everything
   * granted (a MemoryRoom). The public reader grants nothing: read-only.
   */
  hasCapability?(capability: string): boolean;
  /** The widget URL's own options (`params.extra`: title, recheck, jitsiDomain, …). */
  options?: Readonly<Record<string, string>>;
}

/** The binding of one widget: `bindQaQueue`, `bindTalkPlayer`, `bindStandBooth`, `bindFoodTruckMenu`. */
export type Bind<E extends HTMLElement, C extends BindContext = BindContext, B extends Binding = Binding> = (element: E, room: Room, context?: C) => B;

/** `context.hasCapability`, or everything granted when the caller has no capability check. */
export const capabilityCheck = (context: BindContext | undefined): ((capability: string) => boolean) => context?.hasCapability ?? (() => true);
