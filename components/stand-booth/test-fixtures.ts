/** A real-looking stand for tests and the demo (JSON as it would sit in room state). */
export function sampleStand(): Record<string, unknown> {
  return {
    name: 'Kitten Linux',
    tagline: 'A tiny distribution for old laptops',
    description:
      'Kitten Linux boots in **under five seconds** on hardware from 2008.\n\n' +
      'Come by to:\n\n- see the installer *live*\n- get a USB stick\n- talk to the [maintainers](https://kitten.example.org/team)',
    logo: 'mxc://example.org/abcDEF123',
    banner: 'https://kitten.example.org/banner.png',
    links: [
      { kind: 'website', label: 'Website', url: 'https://kitten.example.org' },
      { kind: 'source', label: 'Source code', url: 'https://git.example.org/kitten' },
      { kind: 'docs', label: 'Handbook', url: 'https://kitten.example.org/docs' },
      { kind: 'chat', label: 'Matrix room', url: 'https://matrix.to/#/#kitten:example.org' },
    ],
    downloads: [{ label: 'Kitten 4.2 ISO', url: 'https://kitten.example.org/kitten-4.2.iso' }],
    social: [{ network: 'Mastodon', url: 'https://fosstodon.example/@kitten' }],
    staff: [
      { userId: '@ann:example.org', name: 'Ann', role: 'Maintainer' },
      { userId: '@bo:example.org', name: 'Bo', role: 'Release manager' },
    ],
    jitsi: { domain: 'meet.example.org', room: 'KittenLinuxBooth' },
    schedule: [
      { title: 'Installer demo', kind: 'demo', start: '2026-02-01T10:00:00+01:00', end: '2026-02-01T10:30:00+01:00' },
      { title: 'Meet the maintainers', kind: 'maintainers', start: '2026-02-01T12:00:00+01:00', end: '2026-02-01T13:00:00+01:00' },
    ],
    video: { src: 'https://kitten.example.org/intro.mp4', title: 'Kitten in 3 minutes' },
  };
}
