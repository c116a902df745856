// Which page module draws which hash route. Pages load on first visit.
// Each page module exports `default function Page({ route })`.
export const routes = [
  { prefix: '/downloads', load: () => import('./pages/downloads.js') },
  { prefix: '/config', load: () => import('./pages/config.js') },
  { prefix: '/wizard', load: () => import('./pages/wizard.js') },
  { prefix: '/series/add', load: () => import('./pages/series-add.js') },
  { prefix: '/series/', load: () => import('./pages/series-detail.js') },
  { prefix: '/series', load: () => import('./pages/series-index.js') },
  { prefix: '/calendar', load: () => import('./pages/calendar.js') },
  { prefix: '/activity', load: () => import('./pages/activity.js') },
  { prefix: '/wanted', load: () => import('./pages/wanted.js') },
  { prefix: '/settings', load: () => import('./pages/tv-settings.js') },
  { prefix: '/system', load: () => import('./pages/system.js') },
];

export function findRoute(path) {
  return routes.find((r) => path === r.prefix || path.startsWith(r.prefix.endsWith('/') ? r.prefix : r.prefix + '/'));
}

// The sidebar, in Sonarr's order with the downloader first.
export const nav = [
  { href: '/downloads', label: 'Downloads', icon: 'download' },
  { href: '/series', label: 'Series', icon: 'tv' },
  { href: '/calendar', label: 'Calendar', icon: 'calendar' },
  { href: '/activity/queue', label: 'Activity', icon: 'activity' },
  { href: '/wanted/missing', label: 'Wanted', icon: 'wanted' },
  { href: '/config/general', label: 'Downloader settings', icon: 'cog' },
  { href: '/settings/media', label: 'TV settings', icon: 'cog' },
  { href: '/system/status', label: 'System', icon: 'system' },
];
