import { Widget } from 'matrix-widget-api';
import type { IWidget } from 'matrix-widget-api';

/** What Element knows about the signed-in user and itself when it templates a widget URL. */
export interface HostTemplateParams {
  roomId: string;
  userId: string;
  displayName?: string;
  avatarUrl?: string;
  theme?: string;
  lang?: string;
  deviceId?: string;
  baseUrl?: string;
  clientId?: string;
}

/**
 * Element's widget URL templating (StopGapWidget.runUrlTemplate): substitute the
 * `$matrix_*`/MSC variables and every `$key` of the widget's `data` anywhere in the URL
 * (fragment included), append `widgetId` and `parentUrl` to the query, and turn the `%24`
 * that URL parsing produces back into `$`.
 */
export function templateWidgetUrl(widget: IWidget, params: HostTemplateParams, parentUrl: string): string {
  const templated = new Widget(widget).getCompleteUrl({
    widgetRoomId: params.roomId,
    currentUserId: params.userId,
    ...(params.displayName !== undefined ? { userDisplayName: params.displayName } : {}),
    ...(params.avatarUrl !== undefined ? { userHttpAvatarUrl: params.avatarUrl } : {}),
    ...(params.clientId !== undefined ? { clientId: params.clientId } : {}),
    ...(params.theme !== undefined ? { clientTheme: params.theme } : {}),
    ...(params.lang !== undefined ? { clientLanguage: params.lang } : {}),
    ...(params.deviceId !== undefined ? { deviceId: params.deviceId } : {}),
    ...(params.baseUrl !== undefined ? { baseUrl: params.baseUrl } : {}),
  });
  const parsed = new URL(templated);
  parsed.searchParams.set('widgetId', widget.id);
  parsed.searchParams.set('parentUrl', parentUrl.split('#', 2)[0]!);
  return parsed.toString().replace(/%24/g, '$');
}
