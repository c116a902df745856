// Runs in <head> before the first paint, so a dark page never flashes light.
// The choice (auto, light, dark) is kept per browser; auto follows the system.
(function () {
  var choice = 'auto';
  try { choice = localStorage.getItem('nzbd.theme') || 'auto'; } catch (e) { /* private mode */ }
  var dark = choice === 'dark' || (choice === 'auto' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  document.documentElement.dataset.themeChoice = choice;
})();
