/**
 * Opens a conference room's Q&A the way `devroom apply` does (host-tools/apply/qa-root.ts,
 * its own code over its own client), as the organiser: the room then has a Q&A root before
 * any moderator opens the widget.
 */
import { MatrixClient } from '../../host-tools/apply/matrix-client.js';
import { openQaRoot, qaRootNotice } from '../../host-tools/apply/qa-root.js';
import { qaRootKey } from '../../widgets/qa-queue/question-schema.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { api } from './conference.js';
import type { Conference } from './conference.js';

/** Returns the root notice's event id. */
export async function openQaAsApply(conf: Conference): Promise<string> {
  const { organiser } = conf;
  const client = new MatrixClient({ homeserver: organiser.baseUrl, accessToken: organiser.accessToken });
  const outcome = await openQaRoot(client, conf.roomId, organiser.userId, { key: qaRootKey(), notice: qaRootNotice() }, () => {});
  if (outcome !== 'opened') throw new Error(`apply did not open the Q&A (${outcome})`);
  const root = await api<{ event_id: string }>(organiser, 'GET', `/v3/rooms/${encodeURIComponent(conf.roomId)}/state/${EventTypes.root}/qa`);
  return root.event_id;
}
