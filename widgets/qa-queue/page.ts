// dist/widgets/qa-queue.html: the Q&A queue as a Matrix widget (or, opened directly, a
// plain page that reads questions from `#src=…`).
import '../runtime/page-style.js';
import '../../components/qa-queue/register.js';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { bootWidget } from '../runtime/boot.js';
import { bindQaQueue } from './binding.js';
import { qaCapabilities } from './capabilities.js';
import { applyTheme } from '../runtime/page-theme.js';

void bootWidget({
  capabilities: qaCapabilities,
  render(ctx) {
    const el = document.createElement('devroom-qa-queue') as DevroomQaQueue;
    ctx.container.append(el);
    applyTheme(el, ctx.theme);
    const options = ctx.params.extra;
    // `view=speaker`: the speaker view (the projector or the speaker's laptop).
    if (options.view === 'speaker') el.view = 'speaker';
    // `recheck` (seconds): how often history is read again for late joiners (hosts may tune the load).
    const recheckMs = Number(options.recheck) * 1000;
    bindQaQueue(el, ctx.room, { options, hasCapability: ctx.hasCapability, ...(options.recheck && recheckMs >= 0 ? { recheckMs } : {}) });
    return el.updateComplete;
  },
  standalone(ctx) {
    const el = document.createElement('devroom-qa-queue') as DevroomQaQueue;
    if (ctx.extra.src) el.src = ctx.extra.src;
    if (ctx.theme) el.setAttribute('theme', ctx.theme);
    ctx.container.append(el);
    return el.updateComplete;
  },
});
