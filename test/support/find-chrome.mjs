// Finds a Chromium/Chrome binary for web-test-runner. We never download a browser:
// CI installs Debian's `chromium` package, developers use what they have.
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export function findChrome() {
  const found = candidates.find((path) => path && existsSync(path));
  if (!found) {
    throw new Error(
      'No Chromium or Chrome found for the browser tests.\n' +
        '  Debian/Ubuntu: sudo apt-get install chromium\n' +
        '  macOS: install Google Chrome, or set CHROME_PATH\n' +
        '  Any system: export CHROME_PATH=/path/to/chrome',
    );
  }
  return found;
}

/** Flags that make headless Chromium quiet and deterministic on a closed network. */
export const chromeArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--autoplay-policy=no-user-gesture-required',
  // Keep failed module fetches in the module map, as browsers did before whatwg/html#10327
  // (Chromium 156 re-fetches them; older Chrome/Electron, Firefox and Safari releases do not):
  // the lazy-part fault tests then check the worst case, where only the build's import retry
  // and parts that do not statically import on-demand modules recover without a reload.
  '--disable-features=ModuleMapDoNotCacheFailedFetch',
];
