import '../runtime/page-style.js';
import { checkScriptUrl, safeUrl } from '../../components/shared/safe-url.js';
import { standCapabilities, standCapabilityNames } from './capabilities.js';
import '../../components/stand-booth/register.js';
import { bindStandBooth } from './binding.js';
import { widgetMediaLoader } from '../shared/mxc-media.js';
import { bootWidget } from '../runtime/boot.js';

/**
 * The stand booth widget page (dist/widgets/stand-booth.html). Widget URL options:
 * `jitsiDomain` (the video booth's Jitsi server), `jitsiScriptUrl` (its IFrame API script
 * where it is not at https://<jitsiDomain>/external_api.js; https or same origin) and, on a
 * plain page, `src` (stand JSON).
 *
 * Everything the first render needs is imported statically (and preloaded by the page);
 * the booth's own parts (contact form, staff tools with the editor, schedule and video, video
 * booth, German) load on demand.
 */

/**
 * The booth element, appended to `container`, with its Jitsi server and script from the URL
 * options, set by whoever added the widget: the room's stand names only the meeting
 * (docs/security.md, "Script sources").
 */
function booth(container: HTMLElement, extra: Record<string, string>) {
  const el = document.createElement('devroom-stand-booth');
  const script = checkScriptUrl(extra.jitsiScriptUrl);
  if (script.ok) el.jitsiScriptUrl = script.url;
  else if (extra.jitsiScriptUrl) console.warn(`devroom: widget URL: jitsiScriptUrl: ${script.reason}`);
  el.jitsiDomain = extra.jitsiDomain;
  container.append(el);
  return el;
}

void bootWidget({
  capabilities: ({ userId }) => standCapabilities(userId),
  async render(ctx) {
    const el = booth(ctx.container, ctx.params.extra);
    el.displayName = ctx.params.displayName;
    ctx.theme.subscribe((theme) => (el.theme = theme));
    const binding = bindStandBooth(el, ctx.room, {
      hasCapability: ctx.hasCapability,
      loadMedia: widgetMediaLoader(ctx, standCapabilityNames(ctx.params.userId).downloadMedia),
    });
    // Capabilities may be renegotiated (MSC2974): show or hide staff controls accordingly.
    ctx.status.subscribe((status) => {
      if (status === 'ready') binding.refresh();
    });
    // Not awaited: the client negotiates capabilities only after content_loaded, which follows this render.
    binding.ready.catch((error: unknown) => console.error('devroom: stand booth failed to load', error));
    return el.updateComplete;
  },
  async standalone(ctx) {
    const el = booth(ctx.container, ctx.extra);
    el.theme = ctx.theme;
    el.src = safeUrl(ctx.extra.src);
    return el.updateComplete;
  },
});
