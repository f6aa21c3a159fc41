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
