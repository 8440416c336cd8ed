// Only the explanation screens (loaded on demand) and the test host read capabilities
// back, so this stays out of every widget's first load.

/** `{verb, what}` for a capability, for the "missing capabilities" screen. */
export function describeCapability(capability: string): { verb: 'send' | 'read' | 'other'; what: string } {
  const match = /^org\.matrix\.msc2762\.(send|receive)\.(state_event|event):(.+)$/.exec(capability);
  if (!match) return { verb: 'other', what: capability };
  const [, direction, kind, rest] = match as unknown as [string, string, string, string];
  const [type, key] = splitKey(rest);
  const what = key === undefined ? type : kind === 'state_event' ? `${type} (${key || '""'})` : `${type} (${key})`;
  return { verb: direction === 'send' ? 'send' : 'read', what };
}

function splitKey(rest: string): [string, string | undefined] {
  // `\#` escapes a hash in the type; the first unescaped `#` starts the key.
  const index = rest.search(/(?<!\\)#/);
  if (index < 0) return [rest.replace(/\\#/g, '#'), undefined];
  return [rest.slice(0, index).replace(/\\#/g, '#'), rest.slice(index + 1)];
}
