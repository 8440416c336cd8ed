import { safeUrl } from '../../components/shared/safe-url.js';
import { standCapabilities, standCapabilityNames } from '../bindings/stand-booth-capabilities.js';
import '../../components/stand-booth/register.js';
import { bindStandBooth } from '../bindings/stand-booth.js';
import { widgetMediaLoader } from '../bindings/stand-booth-media.js';
import { bootWidget } from '../runtime/boot.js';

/**
 * The stand booth widget page (dist/widgets/stand-booth.html). Widget URL options:
 * `jitsiScriptUrl` (self-hosted Jitsi whose IFrame API script is elsewhere; https or same
 * origin) and, on a plain page, `src` (stand JSON).
 *
 * Everything the first render needs is imported statically (and preloaded by the page);
 * the booth's own lazy parts (contact form, editor, video booth, German) load on demand.
 */


/** Only https (or this page's own origin, for tests and self-hosting next to the widget). */
function jitsiScript(value: string | undefined): string | undefined {
  const url = safeUrl(value);
  if (!url) return undefined;
  return url.startsWith('https:') || new URL(url).origin === location.origin ? url : undefined;
}

void bootWidget({
  capabilities: ({ userId }) => standCapabilities(userId),
  async render(ctx) {
    const el = document.createElement('devroom-stand-booth');
    el.displayName = ctx.params.displayName;
    const script = jitsiScript(ctx.params.extra.jitsiScriptUrl);
    if (script) el.jitsiScriptUrl = script;
    ctx.theme.subscribe((theme) => (el.theme = theme));
    ctx.container.append(el);
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
    const el = document.createElement('devroom-stand-booth');
    if (ctx.theme) el.theme = ctx.theme;
    const src = safeUrl(ctx.extra.src);
    if (src) el.src = src;
    const script = jitsiScript(ctx.extra.jitsiScriptUrl);
    if (script) el.jitsiScriptUrl = script;
    ctx.container.append(el);
    return el.updateComplete;
  },
});
