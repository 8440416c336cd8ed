/**
 * The part of Jitsi's IFrame API (external_api.js, `JitsiMeetExternalAPI`) we use.
 * Written by hand: Jitsi publishes no types for it, and @jitsi/react-sdk's are React-bound.
 */
export interface JitsiMeetOptions {
  roomName: string;
  parentNode: HTMLElement;
  width?: string | number;
  height?: string | number;
  configOverwrite?: Record<string, unknown>;
  interfaceConfigOverwrite?: Record<string, unknown>;
  jwt?: string;
  lang?: string;
  userInfo?: { displayName?: string; email?: string };
}

/** Payload of `errorOccurred` (jitsi-meet: `type` CONFIG|CONNECTION|NOT_FOUND|OPERATIONAL|UNKNOWN). */
export interface JitsiErrorEvent {
  name?: string;
  message?: string;
  type?: string;
  isFatal?: boolean;
  details?: unknown;
}

export interface JitsiMeetExternalAPI {
  addListener(event: string, listener: (payload: unknown) => void): unknown;
  removeListener(event: string, listener: (payload: unknown) => void): unknown;
  executeCommand(command: string, ...args: unknown[]): void;
  getIFrame(): HTMLIFrameElement;
  dispose(): void;
}

export type JitsiMeetExternalAPIConstructor = new (domain: string, options: JitsiMeetOptions) => JitsiMeetExternalAPI;

declare global {
  interface Window {
    JitsiMeetExternalAPI?: JitsiMeetExternalAPIConstructor;
  }
}
