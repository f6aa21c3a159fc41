// Loaded in <head> before the body is parsed, so a remembered choice is applied before first paint (no flash of the
// other theme). Without a choice the page follows prefers-color-scheme through CSS alone.
(() => {
  const key = 'firebreak-theme';
  const root = document.documentElement;
  const read = () => {
    try {
      return localStorage.getItem(key);
    } catch {
      return null; // Storage can be off (private modes, policies): the system's scheme still applies.
    }
  };
  const stored = read();
  if (stored === 'light' || stored === 'dark') {
    root.dataset.theme = stored;
  }

  // The server renders times in the viewer's zone; without a profile zone it uses the browser's, which only the
  // browser knows. A year-long cookie, refreshed on every page, follows a laptop that travels.
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) {
      document.cookie = `firebreak-tz=${zone}; path=/; max-age=31536000; samesite=lax`;
    }
  } catch {
    // No Intl zone: times stay in UTC, and say so.
  }

  window.firebreakTheme = {
    toggle() {
      const current = root.dataset.theme ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
      const next = current === 'dark' ? 'light' : 'dark';
      root.dataset.theme = next;
      try {
        localStorage.setItem(key, next);
      } catch {
        // Not remembered, but applied for this page.
      }
    },
  };
})();
