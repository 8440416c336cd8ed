// The widget page's own CSS, imported first by every page module. Not a <style> in the page's
// HTML: a strict Content-Security-Policy (style-src 'self', docs/security.md) blocks that.
// Nothing shows before the module runs (the body is empty), so nothing flashes unstyled.
import { adoptStyle } from './adopt-style.js';

// Written minified: a plain string is not minified by the build.
adoptStyle(
  document,
  'html,body{margin:0;height:100%}' +
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:Canvas;color:CanvasText}" +
    "html[data-devroom-theme='dark']{color-scheme:dark}html[data-devroom-theme='light']{color-scheme:light}",
);
