// The configurator page. `npm start` serves it on the demo origin; the preview loads the
// built widget pages from `?widgets=<base>` (default: the demo's widget origin, port + 1).
import './configurator.js';

const params = new URLSearchParams(location.search);
const previewBase = params.get('widgets') ?? `${location.protocol}//127.0.0.1:${Number(location.port || 80) + 1}/widgets/`;
const el = document.createElement('widget-configurator');
el.previewBase = previewBase;
document.querySelector('main')!.append(el);
